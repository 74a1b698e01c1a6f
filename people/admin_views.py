"""HR's and administrators' view of guests in the Wagtail admin: who they are, who invited
them, until when; and ending a guest's access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from people import guests, selectors
from people.models import Profile


@require_GET
def guest_list(request):
    """HR and superusers (with access to the admin): every guest, latest invited first."""
    if not selectors.is_hr(request.user):
        raise PermissionDenied
    return render(
        request,
        "people/admin/guests.html",
        {
            "page_title": _("Guests"),
            "header_title": _("Guests"),
            "guests": guests.guest_accounts(),
            "today": timezone.localdate(),
        },
    )


@require_POST
def guest_end(request, user_id: int):
    """HR and superusers: end a guest's access now."""
    if not selectors.is_hr(request.user):
        raise PermissionDenied
    profile = get_object_or_404(Profile.objects.select_related("user"), user_id=user_id)
    try:
        guests.end_guest_access(user=profile.user, by=request.user)
    except guests.GuestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Access of %(name)s ended.") % {"name": profile.full_name})
    return redirect("people_guests")
