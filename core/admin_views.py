"""Operators' report of the background tasks: dead ones, and pending ones that keep failing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.selectors import dead_tasks, failing_tasks, outbox_summary

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def can_view_background_tasks(user: User | AnonymousUser) -> bool:
    return user.is_active and user.is_superuser


@require_GET
def background_tasks(request: HttpRequest) -> HttpResponse:
    """Reports → Background tasks, for superusers (operators)."""
    if not can_view_background_tasks(request.user):
        raise PermissionDenied
    return render(
        request,
        "core/admin/background_tasks.html",
        {
            "page_title": _("Background tasks"),
            "header_title": _("Background tasks"),
            "summary": outbox_summary(),
            "dead": dead_tasks(),
            "failing": failing_tasks(),
        },
    )
