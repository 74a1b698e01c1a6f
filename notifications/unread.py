"""The unread count of the header's badge, kept per person in Django's cache.

Every page shows it, and it changes only when a notice is posted, read or deleted: the count
is stored under the person's version (core/cache_versions.py), which those writes renew
(`forget_unread`: `notify`, `mark_read`, `mark_all_read`, and any notice saved or deleted one
by one, through signals). It is cached across requests only where the writers share the
cache (`NOTIFICATIONS_CACHE_UNREAD_COUNT`: a shared Redis cache, or tasks run inline), since
notices are posted by background workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache

from core.cache_versions import current, renew

# What a change made behind the services' back (raw SQL, an update in a shell) lasts at most.
TIMEOUT = 300


def _version_name(user_id: int) -> str:
    return f"ruche:unread:version:{user_id}"


def cached_count(user_id: int, count: Callable[[], int]) -> int:
    """This person's unread count, from the cache once known; `count()` reads it."""
    if not getattr(settings, "NOTIFICATIONS_CACHE_UNREAD_COUNT", False):
        return count()
    key = f"ruche:unread:{user_id}:{current(_version_name(user_id))}"
    found: int | None = cache.get(key)
    if found is None:
        found = count()
        cache.set(key, found, timeout=TIMEOUT)
    return found


def forget_unread(user_ids: Iterable[int]) -> None:
    """The counts of these people change: read them again (now and after the commit)."""
    renew(_version_name(user_id) for user_id in set(user_ids))


def forget_for_notice(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    """A notice saved or deleted on its own (admin, factories, a cascade)."""
    if instance is not None and instance.recipient_id is not None:
        forget_unread([instance.recipient_id])
