"""What the challenge owner uses: statistics, exports, merging; and the leaderboards."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

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


def safe_cell(value):
    """Cells starting like a formula are prefixed, so a spreadsheet never runs them."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@require_GET
def export(request, challenge_id: int, fmt: str):
    challenge = managed_challenge(request, challenge_id)
    base_url = settings.WAGTAILADMIN_BASE_URL
    name = slugify(challenge.title) or "challenge"
    if fmt == "csv":
        comments = comments_by_idea(challenge)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([*IDEA_COLUMNS, "comment_texts"])
        for row in idea_rows(challenge, base_url):
            texts = " | ".join(comments.get(row[0], []))
            writer.writerow([safe_cell(cell) for cell in [*row, texts]])
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Ideas"
        sheet.append(IDEA_COLUMNS)
        for row in idea_rows(challenge, base_url):
            sheet.append([safe_cell(cell) for cell in row])
        comment_sheet = book.create_sheet("Comments")
        comment_sheet.append(COMMENT_COLUMNS)
        for row in comment_rows(challenge):
            comment_sheet.append([safe_cell(cell) for cell in row])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}-ideas.{fmt}"'
    return response


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
