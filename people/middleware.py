"""Sessions end when their person is deactivated.

Every sign-in notes its moment in the session. A session opened before its person's
`Profile.sessions_ended_at` (set by `people.services.end_access`) is signed out on its next
request, even after a reactivation; a session whose person is refused by the backends (they
are deactivated) is dropped.
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY, logout
from django.utils import timezone

SIGNED_IN_AT = "ruche_signed_in_at"


def note_sign_in(request) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session[SIGNED_IN_AT] = timezone.now().timestamp()


class EndedSessionsMiddleware:
    """After `AuthenticationMiddleware`: signs out the sessions that `end_access` ended."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            user = request.user
            if not user.is_authenticated:
                session.flush()  # the backends refused this person: deactivated
            else:
                ended = getattr(user, "sessions_ended_at", None)
                if ended is not None and session.get(SIGNED_IN_AT, 0) < ended.timestamp():
                    logout(request)
        return self.get_response(request)
