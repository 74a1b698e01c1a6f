"""What the challenge owner uses: statistics, exports, merging; and the leaderboards."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.exports import csv_response, xlsx_response
from ideas import services
from ideas.models import Idea
from ideas.selectors import can_manage_challenge, challenge_stats, leaderboard
from ideas.selectors.exports import (
    COMMENT_COLUMNS,
    IDEA_COLUMNS,
    comment_rows,
    comments_by_idea,
    idea_rows,
)

from .common import run_action, visible_challenge, visible_idea


def managed_challenge(request, challenge_id: int):
    challenge = visible_challenge(request, challenge_id)
    if not can_manage_challenge(request.user, challenge):
        raise Http404
    return challenge


@require_GET
def stats(request, challenge_id: int):
    challenge = managed_challenge(request, challenge_id)
    return render(
        request,
        "ideas/stats.html",
        {"challenge": challenge, "stats": challenge_stats(challenge)},
    )


@require_GET
def export(request, challenge_id: int, fmt: str):
    """The owner's download of a challenge's ideas and comments (core.exports cells)."""
    challenge = managed_challenge(request, challenge_id)
    base_url = settings.WAGTAILADMIN_BASE_URL
    filename = f"{slugify(challenge.title) or 'challenge'}-ideas.{fmt}"
    if fmt == "csv":
        comments = comments_by_idea(challenge)
        return csv_response(
            filename=filename,
            header=[*IDEA_COLUMNS, "comment_texts"],
            rows=(
                [*row, " | ".join(comments.get(row[0], []))]
                for row in idea_rows(challenge, base_url)
            ),
        )
    if fmt == "xlsx":
        return xlsx_response(
            filename=filename,
            sheets=[
                ("Ideas", IDEA_COLUMNS, idea_rows(challenge, base_url)),
                ("Comments", COMMENT_COLUMNS, comment_rows(challenge)),
            ],
        )
    raise Http404


@require_http_methods(["GET", "POST"])
def merge(request, idea_id: int):
    """The owner picks duplicates of this idea and merges them into it."""
    target = visible_idea(request, idea_id)
    if not can_manage_challenge(request.user, target.challenge):
        raise Http404
    candidates = (
        Idea.objects.visible().filter(challenge=target.challenge).exclude(pk=target.pk)
    ).order_by("title")
    if request.method == "POST":
        chosen = [int(pk) for pk in request.POST.getlist("sources") if pk.isdigit()]
        sources = list(candidates.filter(pk__in=chosen))
        if run_action(
            request,
            lambda: services.merge_ideas(user=request.user, target=target, sources=sources),
            success=_("The ideas are merged."),
        ):
            return redirect(target.get_absolute_url())
    return render(request, "ideas/merge.html", {"idea": target, "candidates": candidates})


@require_GET
def leaderboard_view(request, challenge_id: int | None = None):
    challenge = visible_challenge(request, challenge_id) if challenge_id else None
    return render(
        request,
        "ideas/leaderboard.html",
        {"challenge": challenge, "rows": leaderboard(request.user, challenge)},
    )
