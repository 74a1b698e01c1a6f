"""The small pictures beside the search page's results: each kind's real covers (or a
person's photo), read in a constant number of queries per kind on the page, whatever the
number of results; the kind's visual for the others.

The hits are already those the reader may see, and a private cover's URL goes through the
checked view (`core.cover_access`), so a thumbnail never shows more than its result."""

from __future__ import annotations

from typing import Any

from core.findable import registry

from .results import SearchHit


def attach_thumbnails(user: Any, hits: list[SearchHit]) -> None:
    """Set `hit.thumbnail` on the hits whose kind gives thumbnails (one call per kind)."""
    by_kind: dict[str, list[SearchHit]] = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit)
    for kind, kind_hits in by_kind.items():
        search_kind = registry.get(kind)
        if search_kind is None or search_kind.thumbnails is None:
            continue
        found = search_kind.thumbnails(user, [hit.object_id for hit in kind_hits])
        for hit in kind_hits:
            hit.thumbnail = found.get(hit.object_id)
