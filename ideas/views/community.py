"""Reports and moderation (a challenge's workshops are its events: challenge_events.py)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.conversations.models import Comment
from core.conversations.selectors import comments_of
from core.conversations.selectors import moderation_queue as moderation_queue_of
from core.conversations.services import target_of
from ideas import services
from ideas.models import Idea
from ideas.selectors import idea_for, is_moderator

from .common import back, comment_url, run_action, visible_idea


@require_POST
def report_idea(request, idea_id: int):
    idea = visible_idea(request, idea_id)
    run_action(
        request,
        lambda: services.report_content(
            user=request.user, idea=idea, reason=request.POST.get("reason", "")
        ),
        success=_("Thank you, the moderators will look at it."),
    )
    return back(request, idea.get_absolute_url())


@require_POST
def report_comment(request, comment_id: int):
    comment = get_object_or_404(Comment.objects.select_related("conversation"), pk=comment_id)
    idea = target_of(comment)
    if not isinstance(idea, Idea) or idea_for(request.user, idea.pk) is None:
        raise Http404
    run_action(
        request,
        lambda: services.report_content(
            user=request.user, comment=comment, reason=request.POST.get("reason", "")
        ),
        success=_("Thank you, the moderators will look at it."),
    )
    return back(request, comment_url(comment, idea, request.user))


@require_GET
def moderation_queue(request):
    """Site moderators: the reports on ideas and their comments (the one moderation queue,
    /moderation/, filtered to the ideas hub)."""
    if not is_moderator(request.user):
        raise Http404
    items = moderation_queue_of(request.user, {"ideas"})
    return render(request, "conversations/queue.html", {"items": items, "scope": "ideas"})


@require_POST
def moderate(request, kind: str, object_id: int):
    if not is_moderator(request.user):
        raise Http404
    target: dict[str, Any] = {}
    if kind == "idea":
        target["idea"] = visible_idea(request, object_id)
    elif kind == "comment":
        target["comment"] = get_object_or_404(
            comments_of(Idea).select_related("conversation"), pk=object_id
        )
    else:
        raise Http404
    run_action(
        request,
        lambda: services.moderate(user=request.user, action=request.POST.get("action"), **target),
        success=_("Done."),
    )
    return redirect("ideas:moderation")
