"""The `news` and `leadership_update` import kinds (DESIGN.md §2)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Page
from wagtail.rich_text import RichText

from core.importing import (
    ImportKind,
    ImportRowError,
    make_translation,
    register,
    translation_original,
)
from core.importing.dates import parse_day
from core.importing.images import image_from_row, set_cover
from core.pages import unique_slug
from core.richtext import text_to_html
from core.text import TITLE_MAX_LENGTH
from news.models import LeadershipUpdatePage, NewsPage
from news.models.pages import TEASER_MAX_LENGTH
from news.services import category_for_name, ensure_leadership_index, ensure_news_index
from people.models import Profile


def section(ensure):
    try:
        return ensure()
    except LookupError as error:
        raise ImportRowError(str(error)) from error


def published_at(row: dict[str, Any]) -> datetime:
    value = row.get("published_at")
    if not isinstance(value, str):
        raise ImportRowError("field 'published_at' must be an ISO 8601 date and time")
    try:
        moment = parse_datetime(value.strip())
    except ValueError:
        moment = None
    if moment is None:
        raise ImportRowError(f"field 'published_at' is not an ISO 8601 date and time: {value!r}")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def must_read_by(row: dict[str, Any]) -> date | None:
    return parse_day(row, "must_read_by")


def author(row: dict[str, Any], ctx) -> Profile | None:
    if not row.get("author"):
        return None
    found = ctx.resolve("person", row["author"])
    if isinstance(found, Profile):
        return found
    profile = Profile.objects.filter(user=found).first()  # a person key naming a user
    if profile is None:
        raise ImportRowError(f"person '{row['author']}' has no profile")
    return profile


def place_page(kind: str, key: str, ctx, model, parent: Page, title: str):
    page = ctx.find(kind, key)
    if page is not None and not isinstance(page, model):
        page = None
    created = page is None
    if created:
        page = model(title=title, slug=unique_slug(parent, title, None))
        parent.add_child(instance=page)
    return page, created


def publish_at(page: Page, moment: datetime) -> None:
    """Publish now, keeping the original publication date of the old intranet."""
    revision = page.save_revision(log_action=True)
    revision.publish()
    Page.objects.filter(pk=page.pk).update(first_published_at=moment)
    page.first_published_at = moment


@register
class NewsKind(ImportKind):
    """DESIGN.md §2, extended with optional `featured` (bool) and `must_read_by` (a date)."""

    kind = "news"
    required = ("title", "body", "published_at")
    references = {"author": "person", "audience": "team", "translation_of": "news"}

    def import_row(self, row: dict[str, Any], ctx) -> tuple[NewsPage, bool]:
        title = self.text(row, "title", required=True, max_length=TITLE_MAX_LENGTH, title=True)
        body_html = text_to_html(self.text(row, "body", required=True))
        moment = published_at(row)
        intro = self.text(row, "intro")
        # A name from the managed list (French or English, case and spacing ignored); a name
        # the list lacks is added to it. `teaser`: optional, at most TEASER_MAX_LENGTH.
        category = category_for_name(self.text(row, "category"))
        teaser = self.text(row, "teaser", max_length=TEASER_MAX_LENGTH)
        tags = self.string_list(row, "tags")
        language = self.choice(row, "language", ["fr", "en"], "fr")
        original = translation_original("news", row, ctx, language)
        person = author(row, ctx)
        audience = [ctx.resolve("team", key) for key in self.string_list(row, "audience")]
        due = must_read_by(row)
        featured = row.get("featured", False)
        if not isinstance(featured, bool):
            raise ImportRowError("field 'featured' must be true or false")

        page, created = place_page(
            "news", row["key"], ctx, NewsPage, section(ensure_news_index), title
        )
        page.title = title
        page.slug = unique_slug(page.get_parent(), title, page)
        page.intro = intro
        page.teaser = teaser
        page.body = [("paragraph", RichText(body_html))]
        page.category = category
        make_translation(page, original, language)
        page.author = person
        page.tags.set(tags)
        page.audience_teams.set(audience)
        page.featured = featured
        page.must_read, page.must_read_due = due is not None, due
        set_cover(page, image_from_row(row, title, ctx.base_dir, current=page.cover_image))
        publish_at(page, moment)
        return page, created


@register
class LeadershipUpdateKind(ImportKind):
    kind = "leadership_update"
    required = ("title", "body", "published_at")
    references = {"author": "person", "translation_of": "leadership_update"}

    def import_row(self, row: dict[str, Any], ctx) -> tuple[LeadershipUpdatePage, bool]:
        title = self.text(row, "title", required=True, max_length=TITLE_MAX_LENGTH, title=True)
        body_html = text_to_html(self.text(row, "body", required=True))
        moment = published_at(row)
        tags = self.string_list(row, "tags")
        language = self.choice(row, "language", ["fr", "en"], "fr")
        original = translation_original("leadership_update", row, ctx, language)
        person = author(row, ctx)
        teaser = self.text(row, "teaser", max_length=TEASER_MAX_LENGTH)

        parent = section(ensure_leadership_index)
        page, created = place_page(
            "leadership_update", row["key"], ctx, LeadershipUpdatePage, parent, title
        )
        page.title = title
        page.slug = unique_slug(page.get_parent(), title, page)
        page.teaser = teaser
        page.body = [("paragraph", RichText(body_html))]
        make_translation(page, original, language)
        page.author = person
        page.tags.set(tags)
        set_cover(page, image_from_row(row, title, ctx.base_dir, current=page.cover_image))
        publish_at(page, moment)
        return page, created
