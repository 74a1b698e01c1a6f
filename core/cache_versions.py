"""Values kept in Django's cache across requests, forgotten by the writes that change them.

Every key of such a value carries a *version*, itself a cache entry read before the value.
A write that changes what the value says gives the version a new random token, at once and
again when its transaction commits: a reader that read the database before the commit stores
what it read under a version nobody reads any more, so no stale value outlives the write.
A timeout bounds what a change made behind the writers' back (raw SQL) could leave.

The cache is Redis with CACHE_URL (shared by every process), else each process's memory,
where a write made by another process (a background worker) is not seen: a value that such
writes change is cached only where its app's setting says the cache is shared with them.

Direction: the kernel; apps and the front end import it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

# A version outlives the values stored under it; when it is evicted, a new one is drawn.
VERSION_TIMEOUT = 24 * 3600


def current(name: str) -> str:
    """The version token of `name` (created on first use)."""
    token = cache.get(name)
    if token is None:
        cache.add(name, secrets.token_hex(6), timeout=VERSION_TIMEOUT)
        token = cache.get(name, "0")
    return str(token)


def renew(names: Iterable[str]) -> None:
    """New versions of these names now, and again once the current transaction commits (at
    once outside one): whatever was cached under the old ones is no longer read."""
    names = list(names)
    if not names:
        return

    def draw() -> None:
        cache.set_many({name: secrets.token_hex(6) for name in names}, timeout=VERSION_TIMEOUT)

    draw()
    transaction.on_commit(draw)
