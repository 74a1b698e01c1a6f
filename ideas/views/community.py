"""Workshops and moderation."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.timezone import get_current_timezone, is_naive, make_aware
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ideas import services
from ideas.models import Comment, Report, Workshop
from ideas.selectors import can_manage_challenge, idea_for, is_moderator

from .common import back, comment_url, run_action, visible_challenge, visible_idea


@require_http_methods(["GET", "POST"])
def workshops(request, challenge_id: int):
    """Everyone in the audience sees and joins workshops; the owner creates them here."""
    challenge = visible_challenge(request, challenge_id)
    can_manage = can_manage_challenge(request.user, challenge)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        try:
            starts_at = parse_datetime(request.POST.get("starts_at", "") or "")
        except ValueError:  # well formed but impossible, like 2031-02-30
            starts_at = None
        if starts_at and is_naive(starts_at):
            starts_at = make_aware(starts_at, get_current_timezone())
        capacity = request.POST.get("capacity", "").strip() or "0"
        if starts_at is None:
            messages.error(request, _("Give a valid date and time."))
        elif not (capacity.isascii() and capacity.isdigit() and len(capacity) <= 6):
            messages.error(request, _("Give the number of seats as a whole number."))
        else:
            run_action(
                request,
                lambda: services.create_workshop(
                    user=request.user,
                    challenge=challenge,
                    title=request.POST.get("title", ""),
                    starts_at=starts_at,
                    capacity=int(capacity),
                    place=request.POST.get("place", ""),
                    link=request.POST.get("link", ""),
                    idea_ids=[int(pk) for pk in request.POST.getlist("ideas") if pk.isdigit()],
                ),
                success=_("The workshop is planned."),
            )
        return redirect("ideas:workshops", challenge_id=challenge.pk)
    rows = list(
        Workshop.objects.filter(challenge=challenge)
        .prefetch_related("ideas", "registrations")
        .order_by("starts_at")
    )
    for workshop in rows:
        seats = list(workshop.registrations.all())
        workshop.taken = len(seats)
        workshop.joined = any(seat.user_id == request.user.pk for seat in seats)
    return render(
        request,
        "ideas/workshops.html",
        {"challenge": challenge, "workshops": rows, "can_manage": can_manage},
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
    comment = get_object_or_404(Comment.objects.select_related("idea"), pk=comment_id)
    if idea_for(request.user, comment.idea_id) is None:
        raise Http404
    run_action(
        request,
        lambda: services.report_content(
            user=request.user, comment=comment, reason=request.POST.get("reason", "")
        ),
        success=_("Thank you, the moderators will look at it."),
    )
    return back(request, comment_url(comment, request.user))


@require_GET
def moderation_queue(request):
    if not is_moderator(request.user):
        raise Http404
    reports = (
        Report.objects.filter(outcome=Report.Outcome.OPEN)
        .select_related("reporter", "idea", "comment", "comment__author")
        .order_by("created_at")
    )
    return render(request, "ideas/moderation.html", {"reports": reports})


@require_POST
def moderate(request, kind: str, object_id: int):
    if not is_moderator(request.user):
        raise Http404
    target = {}
    if kind == "idea":
        target["idea"] = visible_idea(request, object_id)
    elif kind == "comment":
        target["comment"] = get_object_or_404(Comment, pk=object_id)
    else:
        raise Http404
    run_action(
        request,
        lambda: services.moderate(user=request.user, action=request.POST.get("action"), **target),
        success=_("Done."),
    )
    return redirect("ideas:moderation")
