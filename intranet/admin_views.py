"""The editors' desk in the admin (intranet/desk.py): one page listing what waits."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from intranet.desk import can_use_desk, desk_for

# The desk page lists this many items per section (the home panel: desk.SHOWN).
LISTED = 50


@require_GET
def editors_desk(request: HttpRequest) -> HttpResponse:
    """Editors, communicators and moderators: what waits for them, with counts and links."""
    if not request.user.is_authenticated or not can_use_desk(request.user):
        raise PermissionDenied
    return render(
        request,
        "intranet/admin/desk.html",
        {
            "page_title": _("Editors' desk"),
            "header_title": _("Editors' desk"),
            "sections": desk_for(request.user, shown=LISTED),
        },
    )
