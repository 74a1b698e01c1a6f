"""Reactions and comments of one page, in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet

from core.pagination import page_number_newest_first
from news.models import REACTION_EMOJI, Comment, Reaction, ReactionKind
from news.models.engagement import CommentQuerySet

from .access import can_moderate

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from wagtail.models import Page


@dataclass
class ReactionSummary:
    kind: str
    label: str
    emoji: str
    count: int
    mine: bool


def reaction_summary(page: Page, user: User | AnonymousUser) -> list[ReactionSummary]:
    counts = dict(
        Reaction.objects.filter(page_id=page.pk)
        .values_list("kind")
        .annotate(total=Count("id"))
        .values_list("kind", "total")
    )
    mine = set(
        Reaction.objects.filter(page_id=page.pk, user_id=user.pk).values_list("kind", flat=True)  # type: ignore[misc]  # None: IS NULL
    )
    return [
        ReactionSummary(kind, str(label), REACTION_EMOJI[kind], counts.get(kind, 0), kind in mine)
        for kind, label in ReactionKind.choices
    ]


COMMENT_THREADS_PER_PAGE = 10


def _top_level_comments(page: Page, user: User | AnonymousUser) -> CommentQuerySet:
    """The page's conversations this user sees, newest first."""
    top = Comment.objects.filter(page_id=page.pk, parent__isnull=True)
    top = top if can_moderate(user) else top.visible()
    return top.order_by("-created_at", "-pk")


def comments_for_page(
    page: Page, user: User | AnonymousUser, page_number: str | int | None = None
) -> DjangoPage[Comment]:
    """One page of conversations, newest first, each with its replies in order; moderators
    also see hidden ones. The page shows COMMENT_THREADS_PER_PAGE threads, so a news item
    with a thousand comments renders as fast as one with twenty."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    top = _top_level_comments(page, user).select_related("author")
    if can_moderate(user):
        top = top.annotate(report_count=Count("reports"))
        replies = replies.annotate(report_count=Count("reports"))
    else:
        replies = replies.visible()
    threads = top.prefetch_related(Prefetch("replies", queryset=replies))
    return Paginator(threads, COMMENT_THREADS_PER_PAGE).get_page(page_number)


def comment_page_number(comment: Comment, user: User | AnonymousUser) -> int:
    """Which page of `comments_for_page` shows this comment's conversation."""
    thread = comment.parent or comment
    threads = _top_level_comments(thread.page, user)
    return page_number_newest_first(threads, thread, COMMENT_THREADS_PER_PAGE)


def reported_comments() -> QuerySet[Comment]:
    """Comments reported and not yet dealt with, for the editors' moderation queue."""
    return (
        Comment.objects.filter(reports__resolved_at__isnull=True)
        .annotate(report_count=Count("reports"))
        .select_related("author", "page")
        .order_by("-report_count", "-created_at")
    )
