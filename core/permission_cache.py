"""A signed-in person's permissions and group names, kept in Django's cache across requests.

Django's model backend reads a person's permissions with two queries the first time a request
asks (`has_perm`), and apps ask which groups someone is in (moderators, editors): every page
that showed a link for editors or checked a moderator paid those queries. The middleware of
intranet loads them from the cache onto the user instead (`remember_permissions`), where the
backend looks first (its `_user_perm_cache`, `_group_perm_cache` and `_perm_cache`).

The cache forgets everyone's when any group, permission, membership of a group or permission
of a person or group changes (a new version, core/cache_versions.py); the key carries the
person's id, and only active people who are not superusers are cached (the backend answers
for the others without reading permissions, or reads them all).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.cache_versions import current, renew

VERSION = "ruche:permissions:version"
TIMEOUT = 600  # seconds: what a change made behind the signals' back lasts at most
THROUGH = (User.groups.through, User.user_permissions.through, Group.permissions.through)

Cached = tuple[frozenset[str], frozenset[str], frozenset[str]]


def remember_permissions(user: Any) -> None:
    """Put this person's permissions and group names on the user object, from the cache
    (read and stored there on a miss: three queries)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_superuser:
        return
    key = f"ruche:permissions:{current(VERSION)}:{user.pk}"
    found: Cached | None = cache.get(key)
    if found is None:
        backend = ModelBackend()
        found = (
            frozenset(backend.get_user_permissions(user)),
            frozenset(backend.get_group_permissions(user)),
            frozenset(user.groups.values_list("name", flat=True)),
        )
        cache.set(key, found, timeout=TIMEOUT)
    own, from_groups, group_names = found
    user._user_perm_cache = set(own)
    user._group_perm_cache = set(from_groups)
    user._perm_cache = {*own, *from_groups}
    user._ruche_group_names = group_names


def in_group(user: Any, name: str) -> bool:
    """Whether this signed-in person belongs to the group `name` (no query once
    `remember_permissions` ran for the request)."""
    if not getattr(user, "is_authenticated", False):
        return False
    names: frozenset[str] | None = getattr(user, "_ruche_group_names", None)
    if names is not None:
        return name in names
    return bool(user.groups.filter(name=name).exists())


def forget_permissions(**kwargs: Any) -> None:
    renew([VERSION])


def connect() -> None:
    """Forget on every change of who may do what: called once from `CoreConfig.ready()`."""
    uid = "core.permission_cache"
    for through in THROUGH:
        name = through._meta.label
        m2m_changed.connect(forget_permissions, sender=through, dispatch_uid=f"{uid}.m2m.{name}")
        post_save.connect(forget_permissions, sender=through, dispatch_uid=f"{uid}.s.{name}")
        post_delete.connect(forget_permissions, sender=through, dispatch_uid=f"{uid}.d.{name}")
    for model in (Group, Permission):
        name = model._meta.label
        post_save.connect(forget_permissions, sender=model, dispatch_uid=f"{uid}.s.{name}")
        post_delete.connect(forget_permissions, sender=model, dispatch_uid=f"{uid}.d.{name}")
