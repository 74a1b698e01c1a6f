"""Workshops and moderation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.conversations.models import Comment
from core.conversations.selectors import comments_of
from core.conversations.selectors import moderation_queue as moderation_queue_of
from core.conversations.services import target_of
from ideas import services
from ideas.forms import WorkshopForm
from ideas.models import Idea, Workshop
from ideas.selectors import can_manage_challenge, idea_for, is_moderator
from ideas.services import IdeasError

from .common import back, comment_url, run_action, visible_challenge, visible_idea


@require_http_methods(["GET", "POST"])
def workshops(request, challenge_id: int):
    """Everyone in the audience sees and joins workshops; the owner creates them here.

    A refused workshop shows the form again with its errors and everything typed kept.
    """
    challenge = visible_challenge(request, challenge_id)
    can_manage = can_manage_challenge(request.user, challenge)
    form = WorkshopForm(challenge=challenge) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise Http404
        form = WorkshopForm(request.POST, challenge=challenge)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.create_workshop(
                    user=request.user,
                    challenge=challenge,
                    title=data["title"],
                    starts_at=data["starts_at"],
                    capacity=data["capacity"],
                    place=data["place"],
                    link=data["link"],
                    idea_ids=[idea.pk for idea in data.get("ideas", [])],
                )
            except IdeasError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The workshop is planned."))
                return redirect("ideas:workshops", challenge_id=challenge.pk)
    rows = list(
        Workshop.objects.filter(challenge=challenge)
        # An idea hidden or merged since the workshop was planned is no longer listed.
        .prefetch_related(Prefetch("ideas", queryset=Idea.objects.visible()), "registrations")
        .order_by("starts_at")
    )
    for workshop in rows:
        seats = list(workshop.registrations.all())
        workshop.taken = len(seats)
        workshop.joined = any(seat.user_id == request.user.pk for seat in seats)
    return render(
        request,
        "ideas/workshops.html",
        {"challenge": challenge, "workshops": rows, "can_manage": can_manage, "form": form},
    )


def _visible_workshop(request, workshop_id: int) -> Workshop:
    workshop = get_object_or_404(Workshop.objects.select_related("challenge"), pk=workshop_id)
    visible_challenge(request, workshop.challenge_id)
    return workshop


@require_POST
def workshop_sign_up(request, workshop_id: int):
    workshop = _visible_workshop(request, workshop_id)
    if request.POST.get("action") == "cancel":
        services.cancel_sign_up(user=request.user, workshop=workshop)
        messages.success(request, _("Your seat is given back."))
    else:
        run_action(
            request,
            lambda: services.sign_up(user=request.user, workshop=workshop),
            success=_("You are signed up."),
        )
    return redirect("ideas:workshops", challenge_id=workshop.challenge_id)


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
