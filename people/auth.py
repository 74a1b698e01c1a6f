"""Who may be signed in, checked by every authentication backend on every request.

A person may use Ruche while their account is active, their profile is not deactivated
(HR's "left") and, for a guest, their last day (`Profile.guest_until`) has not passed. The
session's user is loaded with what every page asks about them, in the query
that loads them anyway: whether they manage a team (the header's link to the managers'
dashboard), when their sessions were last ended (`people.middleware`) and whether they are a
guest (`core.guests`).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import F, Q
from django.utils import timezone

from people.models import Profile
from people.selectors import in_hr_group_expression, manages_a_team_expression


def users_allowed_in():
    """Accounts that may be signed in: active, with a profile that is not deactivated nor a
    guest's past its last day (a user without a profile yet gets one on first use)."""
    today = timezone.localdate()
    return get_user_model()._default_manager.filter(
        Q(profile__guest_until__isnull=True) | Q(profile__guest_until__gte=today),
        is_active=True,
        profile__deactivated_at__isnull=True,
    )


def may_sign_in(user) -> bool:
    """Whether this user may be signed in now (one query)."""
    refused = Q(deactivated_at__isnull=False) | Q(guest_until__lt=timezone.localdate())
    return bool(
        user is not None
        and getattr(user, "is_active", False)
        and not Profile.objects.filter(refused, user_id=user.pk).exists()
    )


def load_user(user_id):
    """The user, if they may be signed in, with `manages_team`, `sessions_ended_at`,
    `is_guest_account` and `in_hr_group` (`people.selectors.is_hr` then asks nothing)
    annotated; else None."""
    users = users_allowed_in().annotate(
        manages_team=manages_a_team_expression(),
        sessions_ended_at=F("profile__sessions_ended_at"),
        is_guest_account=F("profile__is_guest"),
        in_hr_group=in_hr_group_expression(),
    )
    return users.filter(pk=user_id).first()


class PeopleModelBackend(ModelBackend):
    """Django's username and password backend, refusing deactivated people at sign-in and on
    every request (the session's user is loaded with `load_user`)."""

    def user_can_authenticate(self, user) -> bool:
        return may_sign_in(user)

    def get_user(self, user_id):
        return load_user(user_id)
