"""The `page` import kind: general information pages under the home page or another page."""

from typing import Any

from django.utils.text import slugify
from wagtail.models import Page
from wagtail.rich_text import RichText

from intranet.importing import ImportKind, ImportRowError, register
from intranet.models import HomePage, StandardPage
from intranet.richtext import text_to_html
from intranet.text import TITLE_MAX_LENGTH


def unique_slug(parent: Page, title: str, page: Page | None) -> str:
    base = slugify(title)[:70] or "page"
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@register
class PageKind(ImportKind):
    kind = "page"
    required = ("title", "body")
    references = {"parent": "page"}

    def import_row(self, row: dict[str, Any], ctx) -> tuple[StandardPage, bool]:
        title = self.text(row, "title", required=True, max_length=TITLE_MAX_LENGTH, title=True)
        body_html = text_to_html(self.text(row, "body", required=True))
        tags = self.string_list(row, "tags")
        language = self.choice(row, "language", ["fr", "en"], "fr")
        if row.get("parent"):
            parent = ctx.resolve("page", row["parent"])
        else:
            parent = HomePage.objects.first()
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
        page.language = language
        page.tags.set(tags)
        page.save_revision(log_action=True).publish()
        return page, created
