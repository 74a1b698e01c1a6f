"""Animators invite outside experts into their community as guests (people.guests)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from communities.models import Community, Membership, Role
from communities.selectors.access import can_animate
from people.guests import GuestError, invite_guest


def invite_guest_into(
    *,
    community: Community,
    email: str,
    first_name: str,
    last_name: str,
    access_until: date,
    by: User,
) -> User:
    """Invite an outside expert into `community` (animators only): their guest account is
    made or extended (people.guests.invite_guest, which emails the link) and they become a
    member, so that they read and take part in this community and in no other page.

    Raises `people.guests.GuestError` with a message for the animator.
    """
    if not can_animate(by, community):
        raise GuestError(_("Only the community's animators invite guests."))
    with transaction.atomic():
        welcome = _("%(name)s invites you into the community “%(community)s” on Ruche.") % {
            "name": by.get_full_name() or by.username,
            "community": community.name,
        }
        guest = invite_guest(
            email=email,
            first_name=first_name,
            last_name=last_name,
            invited_by=by,
            access_until=access_until,
            welcome=welcome,
        )
        Membership.objects.get_or_create(
            community=community, user=guest, defaults={"role": Role.MEMBER}
        )
    return guest
