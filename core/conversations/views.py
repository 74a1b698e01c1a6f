"""The one moderation queue: what the user moderates, of every kind, with its actions.

Site moderators see everything, editors the news and leadership updates, challenge owners
their challenges' ideas and comments (each kind's `moderated` rule, registry.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .errors import ConversationError
from .models import Comment, Conversation
from .registry import kind_for, kinds

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

ACTIONS = {
    "hide": services.hide,
    "restore": services.restore,
    "dismiss": services.dismiss_report,
}


def _moderates_any(user: User | AnonymousUser) -> bool:
    return any(kind.moderates_any(user) for kind in kinds())


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """Anyone who moderates something: the open reports on it, most reported first."""
    if not _moderates_any(request.user):
        raise Http404
    items = selectors.moderation_queue(request.user)
    return render(request, "conversations/queue.html", {"items": items, "scope": "all"})


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("conversations:queue")
    return HttpResponseRedirect(target)


def _run(request: HttpRequest, action: str, **what: Any) -> HttpResponseRedirect:
    if action not in ACTIONS:
        raise Http404
    moderator = cast("User", request.user)  # can_moderate above: signed in
    try:
        ACTIONS[action](moderator=moderator, **what)
    except ConversationError as refusal:
        if refusal.status in (403, 404):
            raise Http404 from refusal
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Done."))
    return _back(request)


@require_POST
def moderate_comment(request: HttpRequest, comment_id: int, action: str) -> HttpResponse:
    """A moderator of the comment's target hides, restores it or dismisses its reports."""
    comment = get_object_or_404(Comment.objects.select_related("conversation"), pk=comment_id)
    target = services.target_of(comment)
    if not kind_for(target).can_moderate(request.user, target):
        raise Http404
    return _run(request, action, comment=comment)


@require_POST
def moderate_target(request: HttpRequest, conversation_id: int, action: str) -> HttpResponse:
    """A moderator hides, restores a reported target (an idea) or dismisses its reports."""
    conversation = get_object_or_404(Conversation, pk=conversation_id)
    target = conversation.target
    if target is None or not kind_for(target).can_moderate(request.user, target):
        raise Http404
    return _run(request, action, target=target)
