"""Reads of follows: what one person follows (read once per request), the page listing it,
and who follows what a new post is about (for notices)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from communities.models import Community, Follow
from communities.selectors.access import communities_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class FollowSet:
    """Everything one person follows, as ids and tags."""

    community_ids: frozenset[int] = field(default_factory=frozenset)
    person_ids: frozenset[int] = field(default_factory=frozenset)
    tags: frozenset[str] = field(default_factory=frozenset)

    def __contains__(self, target: object) -> bool:
        if isinstance(target, Community):
            return target.pk in self.community_ids
        if isinstance(target, str):
            return target.strip().lstrip("#").strip().lower() in self.tags
        return getattr(target, "pk", None) in self.person_ids


def follows_of(user: User | AnonymousUser) -> FollowSet:
    """What this person follows, in one query, cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return FollowSet()
    cached: FollowSet | None = getattr(user, "_ruche_follows", None)
    if cached is None:
        rows = Follow.objects.filter(user_id=cast("int", user.pk)).values_list(
            "community_id", "person_id", "tag"
        )
        communities, people, tags = set(), set(), set()
        for community_id, person_id, tag in rows:
            if community_id:
                communities.add(community_id)
            elif person_id:
                people.add(person_id)
            elif tag:
                tags.add(tag)
        cached = FollowSet(frozenset(communities), frozenset(people), frozenset(tags))
        user._ruche_follows = cached  # type: ignore[union-attr]
    return cached


def is_following(user: User | AnonymousUser, target: object) -> bool:
    return target in follows_of(user)


@dataclass
class Following:
    """The page "What I follow": communities (those one may still see), people, tags."""

    communities: list[Community]
    people: list[Any]
    tags: list[str]

    @property
    def is_empty(self) -> bool:
        return not (self.communities or self.people or self.tags)


def following_listing(user: User) -> Following:
    """What this person follows, for the page listing it, in three queries."""
    follows = follows_of(user)
    communities = list(
        communities_visible_to(user).filter(pk__in=follows.community_ids).order_by("name")
    )
    people = list(
        get_user_model()
        .objects.filter(pk__in=follows.person_ids, is_active=True)
        .select_related("profile")
        .order_by("first_name", "last_name", "username")
    )
    return Following(communities, people, sorted(follows.tags))


def follower_ids(
    *, community_id: int | None = None, person_id: int | None = None, tags: Iterable[str] = ()
) -> set[int]:
    """Who follows this community, this person or one of these tags, in one query."""
    wanted = Q(pk__in=[])
    if community_id is not None:
        wanted |= Q(community_id=community_id)
    if person_id is not None:
        wanted |= Q(person_id=person_id)
    lowered = {tag.strip().lower() for tag in tags if tag.strip()}
    if lowered:
        wanted |= Q(tag__in=lowered)
    found: QuerySet[Any] = Follow.objects.filter(wanted).values_list("user_id", flat=True)
    return set(found)
