"""Reactions and comments of one page, in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from news.models import REACTION_EMOJI, Comment, Reaction, ReactionKind

from .access import can_moderate


@dataclass
class ReactionSummary:
    kind: str
    label: str
    emoji: str
    count: int
    mine: bool


def reaction_summary(page, user) -> list[ReactionSummary]:
    counts = dict(
        Reaction.objects.filter(page_id=page.pk)
        .values_list("kind")
        .annotate(total=Count("id"))
        .values_list("kind", "total")
    )
    mine = set(
        Reaction.objects.filter(page_id=page.pk, user_id=user.pk).values_list("kind", flat=True)
    )
    return [
        ReactionSummary(kind, str(label), REACTION_EMOJI[kind], counts.get(kind, 0), kind in mine)
        for kind, label in ReactionKind.choices
    ]


def comments_for_page(page, user) -> list[Comment]:
    """Top-level comments with their replies; moderators also see hidden ones."""
    moderator = can_moderate(user)
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    top = Comment.objects.filter(page_id=page.pk, parent__isnull=True).select_related("author")
    if not moderator:
        replies = replies.visible()
        top = top.visible()
    if moderator:
        top = top.annotate(report_count=Count("reports"))
        replies = replies.annotate(report_count=Count("reports"))
    return list(top.prefetch_related(Prefetch("replies", queryset=replies)))


def reported_comments():
    """Comments reported and not yet dealt with, for the editors' moderation queue."""
    return (
        Comment.objects.filter(reports__resolved_at__isnull=True)
        .annotate(report_count=Count("reports"))
        .select_related("author", "page")
        .order_by("-report_count", "-created_at")
    )
