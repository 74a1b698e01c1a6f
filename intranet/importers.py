"""The `page` import kind: general information pages under the home page or another page,
with their content owner and review date when given."""

from typing import Any

from wagtail.rich_text import RichText

from core.importing import (
    ImportKind,
    ImportRowError,
    make_translation,
    register,
    translation_original,
)
from core.importing.dates import parse_day
from core.pages import site_home, unique_slug
from core.richtext import text_to_html
from core.text import TITLE_MAX_LENGTH
from intranet.models import StandardPage


@register
class PageKind(ImportKind):
    kind = "page"
    required = ("title", "body")
    references = {"parent": "page", "translation_of": "page", "owner": "person"}

    def import_row(self, row: dict[str, Any], ctx) -> tuple[StandardPage, bool]:
        title = self.text(row, "title", required=True, max_length=TITLE_MAX_LENGTH, title=True)
        body_html = text_to_html(self.text(row, "body", required=True))
        tags = self.string_list(row, "tags")
        language = self.choice(row, "language", ["fr", "en"], "fr")
        original = translation_original("page", row, ctx, language)
        review_date = parse_day(row, "review_date")
        owner = ctx.resolve("person", row["owner"]) if row.get("owner") else None
        if row.get("parent"):
            parent = ctx.resolve("page", row["parent"])
        elif original is not None:
            # A translation stands beside its original unless told otherwise.
            parent = original.get_parent().specific
        else:
            parent = site_home()
            if parent is None:
                raise ImportRowError("there is no home page yet: run `manage.py migrate`")

        page = ctx.find("page", row["key"])
        created = page is None
        if created:
            page = StandardPage(title=title, slug=unique_slug(parent, title, None))
            parent.add_child(instance=page)
        elif page.get_parent().pk != parent.pk:
            page.move(parent, pos="last-child")
            page.refresh_from_db()

        page.title = title
        page.slug = unique_slug(parent, title, page)
        page.body = [("paragraph", RichText(body_html))]
        make_translation(page, original, language)
        # Left as they are when the line does not say (an editor may have set them since).
        if owner is not None:
            page.content_owner = getattr(owner, "user", owner)  # a person key names a profile
        if review_date is not None:
            page.review_date = review_date
        page.tags.set(tags)
        page.save_revision(log_action=True).publish()
        return page, created
