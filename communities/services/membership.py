"""Joining, leaving and running a community's membership.

- `open`: an employee joins at once; `closed`: they ask, and one of the animators accepts or
  refuses (one pending request per person: the database holds it); `secret`: nobody joins by
  themselves, animators add members.
- A community always keeps one animator: the last one can neither leave nor be removed or
  made a plain member. The animators' rows are locked while this is checked, so two animators
  leaving at the same instant cannot both go.
- Every write is idempotent: joining twice (two tabs, a double click, two threads) stores one
  membership and sends `member_joined` once, after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.membership_tasks import deliver_membership_notice
from communities.models import Community, JoinRequest, Membership, Role, Visibility
from communities.selectors.access import can_animate, can_see
from communities.signals import member_joined
from core.conversations.errors import Conflict, Invalid, NotAllowed, NotFound

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REQUEST_MESSAGE_MAX_LENGTH = 1000


@dataclass(frozen=True)
class JoinOutcome:
    """What `join_community` did: `joined`, `already` (a member before), `requested` or
    `pending` (a request was waiting already)."""

    status: str
    membership: Membership | None = None
    request: JoinRequest | None = None


def _forget_cached_memberships(user: User) -> None:
    """access.member_community_ids caches on the user for a request: drop it after a change."""
    if hasattr(user, "_ruche_community_ids"):
        del user._ruche_community_ids


def _announce_member(community: Community, user_id: int) -> None:
    transaction.on_commit(
        partial(_send_member_joined, community_id=community.pk, user_id=user_id)
    )


def _send_member_joined(*, community_id: int, user_id: int) -> None:
    community = Community.objects.filter(pk=community_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if community is not None and user is not None:
        member_joined.send(sender=Community, community=community, user=user)


def _add(community: Community, user_id: int, role: str = Role.MEMBER) -> tuple[Membership, bool]:
    """One membership, however many arrive at once; `member_joined` after commit if new."""
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            community=community, user_id=user_id, defaults={"role": role}
        )
        if created:
            # A person let in some other way no longer waits for an answer.
            JoinRequest.objects.filter(
                community=community, user_id=user_id, decided_at__isnull=True
            ).update(decided_at=timezone.now(), accepted=True)
            _announce_member(community, user_id)
    return membership, created


def _visible(user: User, community: Community) -> None:
    if not can_see(user, community):
        raise NotFound(_("This community does not exist."))


def _animating(user: User, community: Community) -> None:
    _visible(user, community)
    if not can_animate(user, community):
        raise NotAllowed(_("Only the community's animators manage its members."))


def _lock_animators(community: Community) -> int:
    """Lock the animators' rows; how many animators there are."""
    return len(
        Membership.objects.select_for_update()
        .filter(community=community, role=Role.ANIMATOR)
        .values_list("pk", flat=True)
    )


def join_community(*, user: User, community: Community, message: str = "") -> JoinOutcome:
    """Join an open community, ask to join a closed one; a secret one is by invitation."""
    _visible(user, community)
    existing = Membership.objects.filter(community=community, user=user).first()
    if existing is not None:
        return JoinOutcome("already", membership=existing)
    if community.visibility == Visibility.OPEN:
        membership, created = _add(community, user.pk)
        _forget_cached_memberships(user)
        return JoinOutcome("joined" if created else "already", membership=membership)
    if community.visibility == Visibility.SECRET:
        raise NotAllowed(_("This community takes new members by invitation only."))
    message = (message or "").strip()
    if len(message) > REQUEST_MESSAGE_MAX_LENGTH:
        raise Invalid(_("The message is too long (1,000 characters at most)."))
    pending = JoinRequest.objects.filter(community=community, user=user, decided_at__isnull=True)
    if (request := pending.first()) is not None:
        return JoinOutcome("pending", request=request)
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(community=community, user=user, message=message)
    except IntegrityError:  # the same request at the same instant: it is stored once
        return JoinOutcome("pending", request=pending.first())
    return JoinOutcome("requested", request=request)


def withdraw_join_request(*, user: User, community: Community) -> int:
    """The asker takes their pending request back; how many were withdrawn (0 or 1)."""
    _visible(user, community)
    deleted, _details = JoinRequest.objects.filter(
        community=community, user=user, decided_at__isnull=True
    ).delete()
    return deleted


def leave_community(*, user: User, community: Community) -> None:
    """A member leaves; the last animator must hand over first."""
    _visible(user, community)
    with transaction.atomic():
        animators = _lock_animators(community)
        membership = (
            Membership.objects.select_for_update().filter(community=community, user=user).first()
        )
        if membership is None:
            raise Conflict(_("You are not a member of this community."))
        if membership.role == Role.ANIMATOR and animators <= 1:
            raise Conflict(
                _(
                    "You are the last animator of this community: make another member an "
                    "animator before you leave."
                )
            )
        membership.delete()
    _forget_cached_memberships(user)


def decide_join_request(
    *, user: User, join_request: JoinRequest, accept: bool
) -> JoinRequest:
    """An animator accepts or refuses a request; the asker is told, in neutral words."""
    community = join_request.community
    _animating(user, community)
    with transaction.atomic():
        locked = JoinRequest.objects.select_for_update().filter(pk=join_request.pk).first()
        if locked is None or locked.community_id != community.pk:
            raise NotFound(_("This request does not exist."))
        if locked.decided_at is not None:
            raise Conflict(_("This request has already been answered."))
        locked.decided_at = timezone.now()
        locked.decided_by = user
        locked.accepted = accept
        locked.save(update_fields=["decided_at", "decided_by", "accepted"])
        if accept:
            _add(community, locked.user_id)
        event = "request-accepted" if accept else "request-refused"
        deliver_membership_notice.enqueue(f"{event}:{locked.pk}", community.pk, locked.user_id)
    return locked


def add_member(
    *, user: User, community: Community, person: User, role: str = Role.MEMBER
) -> Membership:
    """An animator adds a colleague (the one way into a secret community); they are told."""
    _animating(user, community)
    if role not in Role.values:
        raise Invalid(_("Choose member or animator."))
    if not person.is_active:
        raise Invalid(_("This person no longer works here."))
    with transaction.atomic():
        membership, created = _add(community, person.pk, role)
        if not created and membership.role != role and role == Role.ANIMATOR:
            membership.role = role
            membership.save(update_fields=["role"])
        if created:
            deliver_membership_notice.enqueue(
                f"added:{membership.pk}", community.pk, person.pk
            )
    return membership


def set_role(*, user: User, community: Community, person: User, role: str) -> Membership:
    """An animator promotes a member or makes an animator a member again (never the last)."""
    _animating(user, community)
    if role not in Role.values:
        raise Invalid(_("Choose member or animator."))
    with transaction.atomic():
        animators = _lock_animators(community)
        membership = (
            Membership.objects.select_for_update().filter(community=community, user=person).first()
        )
        if membership is None:
            raise NotFound(_("This person is not a member of this community."))
        if membership.role == Role.ANIMATOR and role == Role.MEMBER and animators <= 1:
            raise Conflict(_("A community keeps at least one animator."))
        if membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])
    return membership


def remove_member(*, user: User, community: Community, person: User) -> None:
    """An animator removes a member (never the last animator)."""
    _animating(user, community)
    with transaction.atomic():
        animators = _lock_animators(community)
        membership = (
            Membership.objects.select_for_update().filter(community=community, user=person).first()
        )
        if membership is None:
            raise NotFound(_("This person is not a member of this community."))
        if membership.role == Role.ANIMATOR and animators <= 1:
            raise Conflict(_("A community keeps at least one animator."))
        membership.delete()
