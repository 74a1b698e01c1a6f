"""Helpers for making Wagtail pages findable with the right permissions."""

from __future__ import annotations

from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction


def page_visibility(page: Page) -> tuple[bool, list[int] | None]:
    """(findable, group_ids) following Wagtail's page privacy.

    Password-protected pages are never findable. Group restrictions on the page or its
    ancestors must all be satisfied; the intersection of their groups is a safe summary.
    """
    if not page.live or page.expired:
        return False, None
    group_ids: set[int] | None = None
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return False, None
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            allowed = set(restriction.groups.values_list("id", flat=True))
            group_ids = allowed if group_ids is None else group_ids & allowed
    return True, sorted(group_ids) if group_ids is not None else None


def stream_text(stream_value) -> str:
    """The plain text of a StreamField, as its blocks expose it for search."""
    if not stream_value:
        return ""
    parts = stream_value.stream_block.get_searchable_content(stream_value)
    return "\n".join(strip_tags(str(part)) for part in parts if part)


def pages_under_restriction(restriction: PageViewRestriction, model: type[Page]):
    return model.objects.descendant_of(restriction.page, inclusive=True)
