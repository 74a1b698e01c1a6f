"""Helpers for making Wagtail pages findable with the right permissions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from wagtail.models import Page, PageViewRestriction


@dataclass(frozen=True)
class _Restrictions:
    """Every view restriction and the page tree, read once for a whole rebuild."""

    by_page: dict[int, list[tuple[str, frozenset[int]]]]
    page_by_path: dict[str, tuple[int, int | None]]  # path -> (id, alias_of_id)
    alias_of: dict[int, int | None]


_preloaded: ContextVar[_Restrictions | None] = ContextVar("preloaded_restrictions", default=None)


@contextmanager
def view_restrictions_preloaded() -> Iterator[None]:
    """Within this block, page privacy is read from memory: two queries in all, not per page."""
    by_page: dict[int, list[tuple[str, frozenset[int]]]] = {}
    for restriction in PageViewRestriction.objects.prefetch_related("groups"):
        groups = frozenset(group.pk for group in restriction.groups.all())
        by_page.setdefault(restriction.page_id, []).append((restriction.restriction_type, groups))
    page_by_path, alias_of = {}, {}
    if by_page:
        for page_id, path, alias_id in Page.objects.values_list("id", "path", "alias_of_id"):
            page_by_path[path] = (page_id, alias_id)
            alias_of[page_id] = alias_id
    token = _preloaded.set(_Restrictions(by_page, page_by_path, alias_of))
    try:
        yield
    finally:
        _preloaded.reset(token)


def _restrictions_of(page: Page) -> list[tuple[str, frozenset[int]]]:
    """(type, group ids) of the restrictions on the page and its ancestors, as Wagtail's
    `get_view_restrictions` finds them (an alias follows its source page)."""
    preloaded = _preloaded.get()
    if preloaded is None:
        return [
            (restriction.restriction_type, frozenset(g.pk for g in restriction.groups.all()))
            for restriction in page.get_view_restrictions().prefetch_related("groups")
        ]
    if not preloaded.by_page:
        return []
    page_ids = set()
    for depth in range(1, page.depth + 1):
        page_id, alias_id = preloaded.page_by_path.get(
            page.path[: depth * page.steplen], (None, None)
        )
        seen = set()
        while alias_id is not None and alias_id not in seen:
            seen.add(alias_id)
            page_id, alias_id = alias_id, preloaded.alias_of.get(alias_id)
        if page_id is not None:
            page_ids.add(page_id)
    return [found for page_id in page_ids for found in preloaded.by_page.get(page_id, [])]


def page_visibility(page: Page) -> tuple[bool, list[int] | None]:
    """(findable, group_ids) following Wagtail's page privacy.

    Password-protected pages are never findable. Group restrictions on the page or its
    ancestors must all be satisfied; the intersection of their groups is a safe summary.
    """
    if not page.live or page.expired:
        return False, None
    group_ids: set[int] | None = None
    for restriction_type, allowed in _restrictions_of(page):
        if restriction_type == PageViewRestriction.PASSWORD:
            return False, None
        if restriction_type == PageViewRestriction.GROUPS:
            group_ids = set(allowed) if group_ids is None else group_ids & allowed
    return True, sorted(group_ids) if group_ids is not None else None


def stream_text(stream_value) -> str:
    """The plain text of a StreamField, as its blocks expose it for search.

    Blocks give plain text already (rich text with its tags dropped and its entities decoded):
    stripping tags again would drop words that only look like markup (`<b>` typed as text).
    """
    if not stream_value:
        return ""
    parts = stream_value.stream_block.get_searchable_content(stream_value)
    return "\n".join(str(part) for part in parts if part)


def follows_page_privacy(affected: Callable[[Page], Iterable]) -> dict:
    """`SearchKind.related` entries for a kind whose documents follow page privacy.

    A view restriction added, changed, removed or given other groups re-indexes
    `affected(page)`: the objects on that page and below it. So does a page moved in the tree
    (Wagtail saves the moved page as a plain `Page`): it takes the privacy and the address of
    its new place, and so do the pages below it.
    """

    def under_restriction(restriction: PageViewRestriction) -> Iterable:
        return affected(restriction.page)

    return {
        PageViewRestriction: under_restriction,
        PageViewRestriction.groups.through: under_restriction,
        Page: affected,
    }
