"""Who may be signed in, checked by every authentication backend on every request.

A person may use Ruche while their account is active and their profile is not deactivated
(HR's "left"). The session's user is loaded with what every page asks about them, in the query
that loads them anyway: whether they manage a team (the header's link to the managers'
dashboard), and when their sessions were last ended (`people.middleware`).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import F

from people.models import Profile
from people.selectors import manages_a_team_expression


def users_allowed_in():
    """Accounts that may be signed in: active, with a profile that is not deactivated (a user
    without a profile yet gets one on first use)."""
    return get_user_model()._default_manager.filter(
        is_active=True, profile__deactivated_at__isnull=True
    )


def may_sign_in(user) -> bool:
    """Whether this user may be signed in now (one query)."""
    return bool(
        user is not None
        and getattr(user, "is_active", False)
        and not Profile.objects.filter(user_id=user.pk, deactivated_at__isnull=False).exists()
    )


def load_user(user_id):
    """The user, if they may be signed in, with `manages_team` and `sessions_ended_at`
    annotated; else None."""
    users = users_allowed_in().annotate(
        manages_team=manages_a_team_expression(),
        sessions_ended_at=F("profile__sessions_ended_at"),
    )
    return users.filter(pk=user_id).first()


class PeopleModelBackend(ModelBackend):
    """Django's username and password backend, refusing deactivated people at sign-in and on
    every request (the session's user is loaded with `load_user`)."""

    def user_can_authenticate(self, user) -> bool:
        return may_sign_in(user)

    def get_user(self, user_id):
        return load_user(user_id)
