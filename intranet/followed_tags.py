"""The tag ids behind the tag names a person follows, for the home feed, kept in the cache.

People follow a tag by name, in lower case; posts carry taggit tags, whose names keep their
case ("Vélo" and "vélo" may be two tags). The feed needs the ids (so that PostgreSQL tests a
post's tags by index, post by post): they are read once per set of names and kept until any
tag is created, renamed or deleted (versions of core/cache_versions.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from taggit.models import Tag

from core.cache_versions import current, renew

VERSION = "ruche:followed-tags:version"
TIMEOUT = 3600


def tag_ids_named(names: Iterable[str]) -> list[int]:
    """The ids of every tag whose name, in lower case, is one of these (lower-case) names."""
    wanted = sorted(set(names))
    if not wanted:
        return []
    digest = hashlib.sha256("\x1f".join(wanted).encode()).hexdigest()[:24]
    key = f"ruche:followed-tags:{current(VERSION)}:{digest}"
    found: list[int] | None = cache.get(key)
    if found is None:
        tags = Tag.objects.annotate(lowered=Lower("name")).filter(lowered__in=wanted)
        found = sorted(tags.values_list("pk", flat=True))
        cache.set(key, found, timeout=TIMEOUT)
    return found


def forget_tags(**kwargs: Any) -> None:
    renew([VERSION])


def connect() -> None:
    """Called once from `IntranetConfig.ready()`."""
    post_save.connect(forget_tags, sender=Tag, dispatch_uid="intranet.followed_tags.saved")
    post_delete.connect(forget_tags, sender=Tag, dispatch_uid="intranet.followed_tags.deleted")
