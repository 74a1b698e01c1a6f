"""The guests' own pages: accepting an invitation (choosing a password), and the page of a
guest whom no community has opened its doors to yet; and HR's list of guests, outside the
Wagtail admin. Thin views over `people.guests`."""

from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.ratelimits import rate_limited
from people import guests, selectors
from people.middleware import note_sign_in

BACKEND = "people.auth.PeopleModelBackend"


@login_not_required
@never_cache
@rate_limited("sign_in_ip")
@require_http_methods(["GET", "POST"])
def accept(request, token: str):
    """Anyone holding the link: choose a password (Django's validators), then signed in. A
    link used, expired, or whose guest's access has ended says to ask for a new one (410)."""
    invitation = guests.invitation_for_token(token)
    if invitation is None or not guests.invitation_usable(invitation):
        return render(
            request,
            "people/guests/invitation_unusable.html",
            {"invitation": invitation},
            status=410 if invitation else 404,
        )
    user = invitation.user
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = guests.accept_invitation(
                invitation=invitation, password=form.cleaned_data["new_password1"]
            )
        except guests.GuestError:
            return render(
                request,
                "people/guests/invitation_unusable.html",
                {"invitation": invitation},
                status=410,
            )
        login(request, user, backend=BACKEND)
        note_sign_in(request)
        return redirect("/")
    return render(
        request,
        "people/guests/accept.html",
        {"form": form, "invitation": invitation, "guest": user},
    )


@require_GET
def guest_home(request):
    """A guest whose communities are not open yet (none registered a home for them), or
    anyone: what guests see at first."""
    return render(request, "people/guests/home.html")


@require_GET
def guest_list(request):
    """HR (the HR group) and administrators: every guest, latest invited first, with their
    email, communities, who invited them, their last day and their status; 403 to anyone
    else (a guest never reaches it: `people.middleware`)."""
    if not selectors.is_hr(request.user):
        raise PermissionDenied
    page, rows = guests.guest_list_page(request.user, request.GET.get("page"))
    return render(request, "people/guests/list.html", {"page_obj": page, "rows": rows})
