"""Paginated conversations: which page shows a given item, and the address of that page."""

from typing import Any

from django.db.models import Q, QuerySet


def page_number_newest_first(items: QuerySet[Any], item: Any, per_page: int) -> int:
    """The page showing `item` when `items` are listed newest first, by (created_at, pk)."""
    newer = items.filter(
        Q(created_at__gt=item.created_at) | Q(created_at=item.created_at, pk__gt=item.pk)
    )
    return newer.count() // per_page + 1


def address_on_page(url: str, page_number: int, anchor: str) -> str:
    """`url` at page `page_number` (the first page needs no parameter), scrolled to `anchor`."""
    query = f"?page={page_number}" if page_number > 1 else ""
    return f"{url}{query}#{anchor}"
