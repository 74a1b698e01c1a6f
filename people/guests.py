"""Guests: outside experts invited by an employee (a community's animator), who reach only what
an app opens to them (`core.guests`) and whose access ends on a date.

Services (writes, atomic): `invite_guest`, `accept_invitation`, `end_guest_access`.
Reads: `invitation_for_token`, `invitation_usable`, `guest_accounts`, `guest_access_open`,
`guest_status`, `guest_list_page` (HR's page of guests), `user_is_guest` (registered with the
kernel as its guest check).

A guest is a user whose profile has `is_guest` and `guest_until` (their last day, in
TIME_ZONE). They sign in with a password chosen through the invitation's link; past
`guest_until` every way in is refused (`people.auth`), sessions and API tokens included.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.guests import GuestPlace, guest_places
from people.models import GuestInvitation, Profile, invitation_token, token_hash
from people.services import end_access, unique_username
from people.tasks import send_guest_invitation

GUESTS_PER_PAGE = 50
INVITATION_VALIDITY = timedelta(days=7)
LONGEST_ACCESS = timedelta(days=366)
# What `people.auth.load_user` annotates on the session's user: no query to know a guest.
GUEST_MARK = "is_guest_account"


class GuestError(ValueError):
    """An invitation that cannot be made; its message is for the person inviting."""


class EmployeeEmail(GuestError):
    """The email belongs to an employee's account: employees are never made guests."""


class AccessEnd(GuestError):
    """The end of access is not a date in the coming year."""


logger = logging.getLogger(__name__)


# --- invitations' links ----------------------------------------------------------------------


def invitation_for_token(token: str) -> GuestInvitation | None:
    """The invitation this link's token names, used or not, expired or not; None if none."""
    if not token or len(token) > 128:
        return None
    return (
        GuestInvitation.objects.select_related("user__profile", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def invitation_usable(invitation: GuestInvitation) -> bool:
    """Not accepted yet, not expired, and the guest's access has not ended."""
    return (
        invitation.accepted_at is None
        and invitation.expires_at > timezone.now()
        and guest_access_open(invitation.user.profile)
    )


# --- reads -----------------------------------------------------------------------------------


def guest_access_open(profile: Profile | None) -> bool:
    """An employee's profile, or a guest's whose last day has not passed."""
    if profile is None or not profile.is_guest:
        return True
    return profile.guest_until is not None and profile.guest_until >= timezone.localdate()


def user_is_guest(user: Any, may_query: bool) -> bool:
    """The kernel's guest check (`core.guests.register_guest_check`): from the annotation
    `load_user` puts on the session's user, or a joined profile; else one query if allowed
    (remembered on the user object)."""
    marked = getattr(user, GUEST_MARK, None)  # not __dict__: request.user is a lazy proxy
    if marked is not None:
        return bool(marked)
    relation = User.profile.related  # type: ignore[attr-defined]
    if relation.is_cached(user):
        profile = relation.get_cached_value(user)
        return bool(profile is not None and getattr(profile, "is_guest", False))
    if not may_query or not user.pk:
        return False
    found = Profile.objects.filter(user_id=user.pk, is_guest=True).exists()
    setattr(user, GUEST_MARK, found)
    return found


def guest_accounts() -> QuerySet[Profile]:
    """Every guest, latest invited first, with who invited them (the admin's list)."""
    return (
        Profile.objects.filter(is_guest=True)
        .select_related("user", "invited_by")
        .order_by("-invited_at", "-pk")
    )


INVITED, ACTIVE, EXPIRED = "invited", "active", "expired"
STATUS_LABELS = {
    INVITED: pgettext_lazy("guest status", "Invited"),
    ACTIVE: pgettext_lazy("guest status", "Active"),
    EXPIRED: pgettext_lazy("guest status", "Expired"),
}


def guest_status(profile: Profile, *, accepted: bool) -> str:
    """`expired` once their last day has passed (or HR closed the account), else `active`
    once they accepted an invitation (chose a password), else `invited`."""
    if (
        not guest_access_open(profile)
        or profile.deactivated_at is not None
        or not profile.user.is_active
    ):
        return EXPIRED
    return ACTIVE if accepted else INVITED


@dataclass(frozen=True)
class GuestRow:
    """A line of HR's list of guests."""

    profile: Profile
    status: str
    places: list[GuestPlace]

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def named_places(self) -> list[GuestPlace]:
        return [place for place in self.places if not place.hidden]

    @property
    def hidden_places(self) -> int:
        return sum(1 for place in self.places if place.hidden)


def guest_list_page(viewer: Any, page_number: Any = None) -> tuple[Page[Profile], list[GuestRow]]:
    """One page (GUESTS_PER_PAGE) of every guest, latest invited first: their profile (user and
    inviter joined), status and the places they were let into as `viewer` may know them
    (`core.guests.guest_places`). A constant number of queries: the count, the page, and
    what the apps that let guests in ask (two for communities)."""
    accepted = GuestInvitation.objects.filter(
        user_id=OuterRef("user_id"), accepted_at__isnull=False
    )
    profiles = guest_accounts().annotate(accepted=Exists(accepted))
    paginator: Paginator[Profile] = Paginator(profiles, GUESTS_PER_PAGE)
    page = paginator.get_page(page_number)
    shown = list(page)
    places = guest_places(viewer, [profile.user_id for profile in shown])
    rows = [
        GuestRow(
            profile=profile,
            status=guest_status(profile, accepted=bool(getattr(profile, "accepted", False))),
            places=places.get(profile.user_id, []),
        )
        for profile in shown
    ]
    return page, rows


# --- services --------------------------------------------------------------------------------


def check_access_until(access_until: date) -> None:
    today = timezone.localdate()
    if access_until < today:
        raise AccessEnd(_("The end of access must be today or later."))
    if access_until > today + LONGEST_ACCESS:
        raise AccessEnd(_("Guest access may last one year at most."))


@transaction.atomic
def invite_guest(
    *,
    email: str,
    first_name: str,
    last_name: str,
    invited_by: User,
    access_until: date,
    welcome: str = "",
) -> User:
    """Invite an outside expert, or invite again a guest already known by this email.

    Creates the guest's account (active, no usable password until they accept) and their
    profile marked guest until `access_until` (their last day; an existing guest keeps the
    later of the two dates), records the invitation (valid `INVITATION_VALIDITY`) and, after
    the transaction commits, emails its link in the site's language (French by default),
    with who invited them, when the link expires and `welcome` ("X vous invite dans la
    communauté Y"). Earlier links not used yet stop working. Two first invitations of one
    address at the same instant make one account, invited twice (`_guest_account`).

    Raises `EmployeeEmail` when the email belongs to an employee's account, `AccessEnd`
    when `access_until` is past or more than a year ahead, `GuestError` when the email is
    not one, the one inviting is a guest, or HR closed this guest's account.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise GuestError(_("Enter a valid email address.")) from None
    check_access_until(access_until)
    if user_is_guest(invited_by, True):
        raise GuestError(_("A guest cannot invite anyone."))
    user, profile, created = _guest_account(email, first_name.strip(), last_name.strip())
    now = timezone.now()
    if not created:
        user.first_name, user.last_name = first_name.strip(), last_name.strip()
        user.is_active = True
        user.save(update_fields=["first_name", "last_name", "is_active"])
        if profile.deactivated_at is not None:
            raise GuestError(_("This guest's account has been closed by HR."))
        if guest_access_open(profile) and profile.guest_until:
            access_until = max(access_until, profile.guest_until)
    profile.is_guest, profile.guest_until = True, access_until
    profile.invited_by, profile.invited_at = invited_by, now
    profile.guest_email = profile.guest_email or email
    profile.save(
        update_fields=["is_guest", "guest_until", "invited_by", "invited_at", "guest_email"]
    )
    GuestInvitation.objects.filter(user=user, accepted_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    invitation = GuestInvitation(
        user=user,
        email=email,
        invited_by=invited_by,
        welcome=welcome.strip(),
        expires_at=now + INVITATION_VALIDITY,
        nonce=secrets.token_hex(32),
    )
    invitation.token_hash = token_hash(invitation_token(invitation))
    invitation.save()
    send_guest_invitation.enqueue(invitation.pk)
    user.profile = profile
    return user


def _locked_accounts(email: str) -> tuple[list[User], dict[int, Profile]]:
    """The accounts of this address, locked until the transaction ends, and their profiles;
    `EmployeeEmail` when one of them is an employee's."""
    users = list(User.objects.select_for_update().filter(email__iexact=email).order_by("pk"))
    profiles = {p.user_id: p for p in Profile.objects.filter(user__in=users)}
    if any(not getattr(profiles.get(u.pk), "is_guest", False) for u in users):
        raise EmployeeEmail(
            _("%(email)s belongs to an employee's account: employees need no invitation.")
            % {"email": email}
        )
    return users, profiles


def _guest_account(email: str, first_name: str, last_name: str) -> tuple[User, Profile, bool]:
    """The guest account of this (normalised) address, locked, and whether it was made now.

    Two first invitations of one address at the same instant both find no account; the
    database lets only one of them hold `Profile.guest_email` (`people_one_guest_per_email`):
    the other's insert waits for the first transaction to end, fails, rolls back to its
    savepoint and finds the account the first one made, which it invites again. A username
    taken meanwhile by another new account is retried the same way.
    """
    for _attempt in range(3):
        users, profiles = _locked_accounts(email)
        if users:
            return users[0], profiles[users[0].pk], False
        try:
            with transaction.atomic():
                user = User(
                    username=unique_username(email=email),
                    email=email,
                    first_name=first_name,
                    last_name=last_name,
                )
                user.set_unusable_password()
                user.save()
                profile = Profile.objects.get(user=user)
                profile.is_guest, profile.guest_email = True, email
                profile.save(update_fields=["is_guest", "guest_email"])
        except IntegrityError:
            logger.info("A guest account for this address was made meanwhile: invited again")
            continue
        return user, profile, True
    raise GuestError(_("This invitation could not be made. Please try again."))


@transaction.atomic
def accept_invitation(*, invitation: GuestInvitation, password: str) -> User:
    """The guest chose their password through the link: it is set and the link used up.

    The caller checked `invitation_usable` and validated the password (Django's validators).
    """
    locked = GuestInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise GuestError(_("This invitation has been used already."))
    user = locked.user
    user.set_password(password)
    user.save(update_fields=["password"])
    locked.accepted_at = timezone.now()
    locked.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def end_guest_access(*, user: User, by: User) -> Profile:
    """End a guest's access now: their last day becomes yesterday, their sessions and API
    tokens end (as for someone who left, `people.services.end_access`) and their unused
    invitation links stop working. `by` is who ended it (HR, an animator)."""
    profile = Profile.objects.select_for_update().get(user=user)
    if not profile.is_guest:
        raise GuestError(_("Only a guest's access can be ended this way."))
    now = timezone.now()
    yesterday = timezone.localdate() - timedelta(days=1)
    if profile.guest_until is None or profile.guest_until > yesterday:
        profile.guest_until = yesterday
        profile.save(update_fields=["guest_until"])
    GuestInvitation.objects.filter(user=user, accepted_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    end_access(user_ids=[user.pk])
    logger.info("Guest access of user %s ended by user %s", user.pk, by.pk)
    return profile
