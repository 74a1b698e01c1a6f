"""Lookups every page of a community starts with, and how a refused action is shown.

A community one may not know exists is a 404, as one that does not exist; one whose
content one may not read is a 404 for its inner pages too; its settings and health are
for its animators (403 to its other readers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from communities.models import Community
from communities.selectors.access import can_animate, can_read
from communities.selectors.communities import visible_community
from core.conversations.errors import ConversationError

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def me(request: HttpRequest) -> User:
    """The signed-in person (the sign-in middleware lets nobody else reach these views)."""
    return cast("User", request.user)


def seen_community(request: HttpRequest, slug: str) -> Community:
    community = visible_community(request.user, slug)
    if community is None:
        raise Http404
    return community


def read_community(request: HttpRequest, slug: str) -> Community:
    community = seen_community(request, slug)
    if not can_read(request.user, community):
        raise Http404
    return community


def animated_community(request: HttpRequest, slug: str) -> Community:
    community = read_community(request, slug)
    if not can_animate(request.user, community):
        raise PermissionDenied
    return community


def run(request: HttpRequest, action: Callable[[], Any], success: str | None = None) -> Any:
    """Run a service; a refusal becomes an error message (a 404 stays a 404)."""
    try:
        result = action()
    except ConversationError as refusal:
        if refusal.status == 404:
            raise Http404 from refusal
        messages.error(request, refusal.message)
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True


def back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Back where the form was (`next`), if it is on this site; else `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)
