"""The `news` and `leadership_update` search kinds (see core.findable)."""

from __future__ import annotations

from core.findable import (
    SearchDocument,
    SearchKind,
    cover_thumbnails,
    prefetched,
    register,
    related,
)
from core.keys import import_key, with_import_key
from core.languages import live_translation_languages, versions_of
from news.models import LeadershipUpdatePage, NewsPage
from news.selectors.access import addressed_to
from people.models import Team
from search.pages import follows_page_privacy, page_visibility, stream_text


def _body_text(page) -> str:
    # The teaser first: the result's excerpt is taken from the start when nothing matches.
    return "\n".join(filter(None, [page.teaser, page.intro, stream_text(page.body)]))


def news_document(page: NewsPage) -> SearchDocument | None:
    """A live news item; None when unpublished or behind a password.

    The audience teams target the feed and reminders; who may read the item follows Wagtail's
    page privacy alone, so the audience is a facet here, not a restriction.
    """
    findable, group_ids = page_visibility(page)
    if not findable:
        return None
    teams = sorted(related(page, "audience_teams"), key=lambda team: team.name)
    return SearchDocument(
        kind="news",
        object_id=str(page.pk),
        title=page.title,
        url=page.url or "",
        body=_body_text(page),
        key=import_key(page, "news"),
        language=page.language,
        translations=live_translation_languages(page),
        tags=[tag.name for tag in related(page, "tags")],
        teams=[team.name for team in teams],
        date=page.first_published_at,
        group_ids=group_ids,
        boost=1.2 if page.featured else 1.0,
    )


def leadership_update_document(page: LeadershipUpdatePage) -> SearchDocument | None:
    """A live leadership update; None when unpublished or behind a password."""
    findable, group_ids = page_visibility(page)
    if not findable:
        return None
    return SearchDocument(
        kind="leadership_update",
        object_id=str(page.pk),
        title=page.title,
        url=page.url or "",
        body=_body_text(page),
        key=import_key(page, "leadership_update"),
        language=page.language,
        translations=live_translation_languages(page),
        tags=[tag.name for tag in related(page, "tags")],
        date=page.first_published_at,
        audience_team_ids=None,
        group_ids=group_ids,
    )


register(
    SearchKind(
        kind="news",
        model=NewsPage,
        queryset=lambda: with_import_key(
            NewsPage.objects.live().prefetch_related(
                prefetched("audience_teams"), prefetched("tags")
            ),
            "news",
        ),
        document=news_document,
        thumbnails=lambda user, ids: cover_thumbnails(
            addressed_to(NewsPage.objects.prefetch_related("audience_teams"), user), ids
        ),
        related={
            Team: lambda team: NewsPage.objects.filter(audience_teams=team),
            NewsPage.audience_teams.through: lambda page: [page],
            # A version published or withdrawn changes whom the others are found by.
            NewsPage: versions_of,
            **follows_page_privacy(
                lambda page: NewsPage.objects.descendant_of(page, inclusive=True)
            ),
        },
    )
)
register(
    SearchKind(
        kind="leadership_update",
        model=LeadershipUpdatePage,
        queryset=lambda: with_import_key(
            LeadershipUpdatePage.objects.live().prefetch_related(prefetched("tags")),
            "leadership_update",
        ),
        document=leadership_update_document,
        thumbnails=lambda user, ids: cover_thumbnails(LeadershipUpdatePage.objects.all(), ids),
        related={
            LeadershipUpdatePage: versions_of,
            **follows_page_privacy(
                lambda page: LeadershipUpdatePage.objects.descendant_of(page, inclusive=True)
            ),
        },
    )
)
