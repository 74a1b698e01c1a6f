"""Load the signed-in person with what every page asks about them, in the query that loads
them anyway: whether they manage a team (the header's link to the managers' dashboard)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from people.selectors import manages_a_team_expression


def load_user(user_id):
    """The user with `manages_team` annotated, or None."""
    users = get_user_model()._default_manager.annotate(manages_team=manages_a_team_expression())
    return users.filter(pk=user_id).first()


class PeopleModelBackend(ModelBackend):
    """Django's username and password backend, loading the session's user with `load_user`."""

    def get_user(self, user_id):
        user = load_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
