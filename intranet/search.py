"""The `page` kind of the unified search: general information pages."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from core.findable import SearchDocument, SearchKind, prefetched, register, related
from core.keys import import_key, with_import_key
from core.languages import live_translation_languages, versions_of
from intranet.models import StandardPage
from search.pages import follows_page_privacy, page_visibility, stream_text


def page_document(page: StandardPage) -> SearchDocument | None:
    findable, group_ids = page_visibility(page)
    if not findable:
        return None
    return SearchDocument(
        kind="page",
        object_id=str(page.pk),
        title=page.title,
        url=page.url or "",
        body="\n".join(filter(None, [page.search_description, stream_text(page.body)])),
        key=import_key(page, "page"),
        language=page.language,
        translations=live_translation_languages(page),
        tags=[tag.name for tag in related(page, "tags")],
        date=page.last_published_at,
        group_ids=group_ids,
        stale_from=stale_from(page),
    )


def stale_from(page: StandardPage) -> datetime | None:
    """The first moment the page is past its review date: the start of the next day."""
    if page.review_date is None:
        return None
    next_day = page.review_date + timedelta(days=1)
    return timezone.make_aware(datetime.combine(next_day, time.min))


register(
    SearchKind(
        kind="page",
        model=StandardPage,
        queryset=lambda: with_import_key(
            StandardPage.objects.live().prefetch_related(prefetched("tags")), "page"
        ),
        document=page_document,
        related={
            # A version published or withdrawn changes whom the others are found by.
            StandardPage: versions_of,
            **follows_page_privacy(
                lambda page: StandardPage.objects.descendant_of(page, inclusive=True)
            ),
        },
    )
)
