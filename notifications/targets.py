"""What a notice is about, and whether its reader may still see it.

A notice keeps the text it was posted with. When its reader later loses access to what it
names (a page made private or addressed to other teams, a challenge's audience narrowed, an
idea hidden or deleted), that text must not be shown again. Each app registers, from its
`AppConfig.ready()`, one check per kind of target it posts notices about: given a reader and
a set of ids, the ids this reader may still see, in a fixed number of queries whatever the
number of ids. The centre then asks once per kind for a whole page of notices.

Direction: apps import this module (as they import `notifications.services`); it imports
none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

VisibleIds = Callable[[Any, set[int]], set[int]]

_checks: dict[str, VisibleIds] = {}


def register_target(kind: str, visible_ids: VisibleIds) -> None:
    """Declare the kind `kind` (e.g. `news.page`) and how to tell which ids a reader sees."""
    _checks[kind] = visible_ids


def visible_target_ids(user, kind: str, ids: Iterable[int]) -> set[int] | None:
    """Of these ids of `kind`, those `user` may still see; None for a kind nobody registered
    (its notices are shown as they are)."""
    check = _checks.get(kind)
    if check is None:
        return None
    wanted = set(ids)
    return check(user, wanted) & wanted if wanted else set()
