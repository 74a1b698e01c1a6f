"""Following a community, a colleague or a tag: the home feed and the notices read these.

Each follow is one row (`Follow`), held once by its unique constraints: following twice, even
at the same instant from two tabs, keeps one row; unfollowing what one does not follow does
nothing. One may follow a community one may see (a secret one only as a member), an active
employee other than oneself, and any tag (stored lower-case, trimmed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from communities.models import Community, Follow
from communities.selectors.access import can_see
from people.selectors import people_with_details

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TAG_MAX_LENGTH = 100

Target = Community | Any | str  # a Community, a User or a tag


class CannotFollow(ValueError):
    """The target may not be followed by this person (answered as "not found" by views)."""


def normalise_tag(tag: str) -> str:
    """A tag as follows store it: trimmed, lower-case, a leading # dropped."""
    return tag.strip().lstrip("#").strip().lower()[:TAG_MAX_LENGTH]


def _is_active_employee(person: Any) -> bool:
    return people_with_details().filter(user_id=person.pk).exists()


def _lookup(user: User, target: Target) -> dict[str, Any]:
    """The Follow fields naming `target`, after checking this user may follow it."""
    if isinstance(target, Community):
        if not can_see(user, target):
            raise CannotFollow("community")
        return {"community": target}
    if isinstance(target, str):
        tag = normalise_tag(target)
        if not tag:
            raise CannotFollow("tag")
        return {"tag": tag}
    if isinstance(target, get_user_model()):
        if target.pk == user.pk or not _is_active_employee(target):
            raise CannotFollow("person")
        return {"person": target}
    raise CannotFollow(repr(target))


def follow(*, user: User, target: Target) -> Follow:
    """Follow a community, a person or a tag; idempotent (returns the existing follow)."""
    fields = _lookup(user, target)
    found = Follow.objects.filter(user=user, **fields).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Follow.objects.create(user=user, **fields)
    except IntegrityError:  # the same follow, committed meanwhile by another request
        return Follow.objects.get(user=user, **fields)


def unfollow(*, user: User, target: Target) -> bool:
    """Stop following; True when a follow was removed. Never refused: anyone may let go of a
    follow, even of a community they may no longer see."""
    if isinstance(target, Community):
        fields: dict[str, Any] = {"community": target}
    elif isinstance(target, str):
        fields = {"tag": normalise_tag(target)}
    else:
        fields = {"person_id": target.pk}
    deleted, _rows = Follow.objects.filter(user=user, **fields).delete()
    return bool(deleted)


def follow_on_join(*, user: User, community: Community) -> Follow:
    """Joining a community follows it (its new posts reach the new member); the member may
    unfollow it and stay a member."""
    return follow(user=user, target=community)
