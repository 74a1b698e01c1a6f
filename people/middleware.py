"""Sessions end when their person is deactivated; guests stay within what is opened to them.

Every sign-in notes its moment in the session. A session opened before its person's
`Profile.sessions_ended_at` (set by `people.services.end_access`) is signed out on its next
request, even after a reactivation; a session whose person is refused by the backends (they
are deactivated, or a guest past their last day) is dropped.

`GuestBoundaryMiddleware` answers 404 to a guest for every view that neither the built-in
allow-list below nor a rule registered with `core.guests.register_guest_rule` opens.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from core.guests import guest_home, guest_may_reach, is_guest

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


# What every guest may use, by URL name: signing in and out, their language, the invitation's
# page and the page for guests with no community yet, their notifications (and their
# browsers' push subscriptions), who they are in the API, the installable app's manifest,
# worker and offline page. Static files and images (not documents, which have their own
# rules) by prefix.
GUEST_VIEWS = frozenset(
    {
        "login",
        "logout",
        "set_language",
        "javascript-catalog",
        "health",
        "manifest",
        "service_worker",
        "offline",
        "people:guest_accept",
        "people:guest_home",
        "notifications:list",
        "notifications:read",
        "notifications:read_all",
        "notifications:preferences",
        "api:me",
        "api:subscribe_push",
        "api:unsubscribe_push",
    }
)
NEVER_FOR_GUESTS = ("/admin/", "/_util/")


def guest_landing(request) -> str:
    """Where a guest's `/` leads: the page an app registered for them, else the page saying
    they have no community yet."""
    return guest_home(request) or reverse("people:guest_home")


class GuestBoundaryMiddleware:
    """After `SignInRequiredMiddleware`: a signed-in guest reaches the views of `GUEST_VIEWS`
    and those a registered rule opens (`core.guests.guest_may_reach`); anything else is 404
    (JSON under /api/), the Wagtail admin always. Their `/` leads to `guest_landing`.

    API tokens meet the same boundary in `core.api.TokenAuth`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not is_guest(user):
            return None
        path = request.path_info
        if path.startswith(NEVER_FOR_GUESTS):
            raise Http404
        if path == "/":
            return redirect(guest_landing(request))
        match = request.resolver_match
        if match is not None and match.view_name in GUEST_VIEWS:
            return None
        if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        if guest_may_reach(request):
            return None
        raise Http404
