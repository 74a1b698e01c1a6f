"""What every app that creates Wagtail pages needs: the site's home, and free slugs."""

from __future__ import annotations

from django.utils.text import slugify
from wagtail.models import Page, Site


def site_home() -> Page | None:
    """The default site's root page (the intranet's home page), or None before `migrate`."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site is not None else None


def unique_slug(parent: Page, title: str, page: Page | None) -> str:
    """A slug for `title` that no other child of `parent` has (`page` itself excepted)."""
    base = slugify(title)[:70] or "page"
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug
