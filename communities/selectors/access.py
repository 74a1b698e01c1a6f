"""Who may see, read and run which community: the one place for these rules. Pages, lists,
the API, search documents, feeds, notices and emails all go through these functions.

- `open`: every employee sees it, reads it and may join.
- `closed`: every employee sees that it exists (name, description, members' count) and may ask
  to join; only members read its posts, events and members.
- `secret`: only its members know it exists.
Guests (outside experts, `core.guests`) see and read only the communities they are members
of, whatever their visibility, and no event outside them.
Administrators (superusers) see and read everything, to moderate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from communities.models import Community, Membership, Post, Role, Visibility
from core.guests import is_guest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    Someone = User | AnonymousUser


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _pk(user: Any) -> int:
    """A signed-in user's id (callers have checked `_signed_in`)."""
    return int(user.pk)


def _is_employee(user: Any) -> bool:
    """Employees see open and closed communities; outside guests only their own ones."""
    return _signed_in(user) and not is_guest(user)


def member_community_ids(user: Someone) -> set[int]:
    """The communities this person belongs to (cached on the user for the request)."""
    if not _signed_in(user):
        return set()
    cached: set[int] | None = getattr(user, "_ruche_community_ids", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user_id=_pk(user)).values_list("community_id", flat=True)
        )
        user._ruche_community_ids = cached  # type: ignore[union-attr]
    return cached


def communities_visible_to(user: Someone) -> QuerySet[Community]:
    """Communities whose existence this person may know (directory, search, links)."""
    if not _signed_in(user):
        return Community.objects.none()
    if user.is_superuser:
        return Community.objects.all()
    mine = Q(pk__in=member_community_ids(user))
    if not _is_employee(user):
        return Community.objects.filter(mine)
    return Community.objects.filter(mine | ~Q(visibility=Visibility.SECRET))


def communities_readable_by(user: Someone) -> QuerySet[Community]:
    """Communities whose posts, events and members this person may read."""
    if not _signed_in(user):
        return Community.objects.none()
    if user.is_superuser:
        return Community.objects.all()
    mine = Q(pk__in=member_community_ids(user))
    if not _is_employee(user):
        return Community.objects.filter(mine)
    return Community.objects.filter(mine | Q(visibility=Visibility.OPEN))


def can_see(user: Someone, community: Community) -> bool:
    if not _signed_in(user):
        return False
    if user.is_superuser or community.pk in member_community_ids(user):
        return True
    return _is_employee(user) and community.visibility != Visibility.SECRET


def can_read(user: Someone, community: Community) -> bool:
    if not _signed_in(user):
        return False
    if user.is_superuser or community.pk in member_community_ids(user):
        return True
    return _is_employee(user) and community.visibility == Visibility.OPEN


def role_in(user: Someone, community: Community) -> str | None:
    """`member`, `animator` or None."""
    if not _signed_in(user):
        return None
    role: str | None = (
        Membership.objects.filter(user_id=_pk(user), community_id=community.pk)
        .values_list("role", flat=True)
        .first()
    )
    return role


def can_animate(user: Someone, community: Community) -> bool:
    """Animators of the community, and administrators."""
    if not _signed_in(user):
        return False
    return bool(user.is_superuser or role_in(user, community) == Role.ANIMATOR)


def posts_readable_by(user: Someone) -> QuerySet[Post]:
    """Published posts of the communities this person reads, as one query."""
    return Post.objects.published().filter(community__in=communities_readable_by(user))


def reader_ids(community: Community) -> QuerySet[Any] | None:
    """Who may read this community's content, as user ids: its members for a closed or secret
    one; None for an open one (every employee). Notices and mentions are filtered by it."""
    if community.visibility == Visibility.OPEN:
        return None
    return Membership.objects.filter(community_id=community.pk).values_list("user_id", flat=True)


def may_create_community(user: Someone) -> bool:
    """Every employee may start a community (and runs it); outside guests may not."""
    return _is_employee(user)
