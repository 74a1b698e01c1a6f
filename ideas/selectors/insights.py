"""Reads of the ideas hub for the insights app: contributions, answers, texts over a period.

Every function is a fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime
from typing import Any, TypeVar

from django.db.models import Min, QuerySet
from django.utils.html import strip_tags

from ideas.models import ChallengePage, Idea, Status, StatusChange, Vote
from ideas.models.ideas import DECIDED_STATUSES

from .comments import idea_comments

_Rows = TypeVar("_Rows", bound="QuerySet[Any]")


def _restrict(queryset: _Rows, field: str, user_ids: Collection[int] | None) -> _Rows:
    return queryset if user_ids is None else queryset.filter(**{f"{field}__in": list(user_ids)})


def _by_name(ideas: QuerySet[Idea], user_ids: Collection[int] | None) -> QuerySet[Idea]:
    """Ideas of these people, leaving anonymous ones out: a figure by group never counts an
    anonymous idea (it could be worked out who wrote it). Everyone's (None) keeps them."""
    ideas = _restrict(ideas, "author_id", user_ids)
    return ideas if user_ids is None else ideas.filter(anonymous=False)


def idea_contributor_ids(
    *, start: datetime, end: datetime, user_ids: Collection[int] | None = None
) -> set[int]:
    """People who submitted an idea, voted or commented on one in [start, end).

    With `user_ids`, anonymous ideas do not count (their authors may still count for a vote
    or a comment).
    """
    ideas = _by_name(Idea.objects.filter(created_at__gte=start, created_at__lt=end), user_ids)
    votes = _restrict(
        Vote.objects.filter(created_at__gte=start, created_at__lt=end), "user_id", user_ids
    )
    comments = _restrict(
        idea_comments().filter(created_at__gte=start, created_at__lt=end), "author_id", user_ids
    )
    found = set(ideas.values_list("author_id", flat=True))
    found |= set(votes.values_list("user_id", flat=True))
    found |= set(comments.values_list("author_id", flat=True))
    return found


def ideas_submitted(
    *, start: datetime, end: datetime, author_ids: Collection[int] | None = None
) -> list[dict[str, Any]]:
    """Ideas submitted in [start, end) (not hidden, not merged away), with their first answer.

    Each row: id, author_id, created_at, status, first_answer_at (the owner's first status
    change, or None). With `author_ids`, anonymous ideas are left out.
    """
    ideas = _by_name(
        Idea.objects.visible().filter(created_at__gte=start, created_at__lt=end), author_ids
    ).annotate(first_answer_at=Min("status_changes__created_at"))
    return list(ideas.values("id", "author_id", "created_at", "status", "first_answer_at"))


def challenges_open_between(*, start: datetime, end: datetime) -> int:
    """Live challenges that took ideas at some moment of [start, end)."""
    count: int = ChallengePage.objects.live().filter(opens_at__lt=end, closes_at__gt=start).count()
    return count


def idea_texts(*, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """What people wrote in the ideas hub in [start, end): ideas and comments, as plain text.

    Each row: author_id, created_at, text, tags (of the idea), topic (the challenge title),
    anonymous (an anonymous idea: count it by nobody's team). Hidden ideas and comments are
    left out.
    """
    ideas = list(
        Idea.objects.visible()
        .filter(created_at__gte=start, created_at__lt=end)
        .values(
            "id", "author_id", "created_at", "title", "description", "challenge__title", "anonymous"
        )
    )
    comments = list(
        idea_comments()
        .filter(created_at__gte=start, created_at__lt=end, hidden_at__isnull=True)
        # `idea_id` is annotated by idea_comments (the plugin sees only the model's fields)
        .values("idea_id", "author_id", "created_at", "body")  # type: ignore[misc]
    )
    challenge_titles = dict(
        Idea.objects.filter(pk__in={row["idea_id"] for row in comments}).values_list(
            "pk", "challenge__title"
        )
    )
    idea_ids = {row["id"] for row in ideas} | {row["idea_id"] for row in comments}
    tags: dict[int, list[str]] = defaultdict(list)
    through = Idea.tags.through
    for idea_id, name in through.objects.filter(content_object_id__in=idea_ids).values_list(
        "content_object_id", "tag__name"
    ):
        tags[idea_id].append(name)
    rows = [
        {
            "author_id": row["author_id"],
            "created_at": row["created_at"],
            "text": f"{row['title']} {strip_tags(row['description'])}",
            "tags": tags[row["id"]],
            "topic": row["challenge__title"],
            "anonymous": row["anonymous"],
        }
        for row in ideas
    ]
    rows += [
        {
            "author_id": row["author_id"],
            "created_at": row["created_at"],
            "text": strip_tags(row["body"]),
            "tags": tags[row["idea_id"]],
            "topic": challenge_titles.get(row["idea_id"], ""),
            "anonymous": False,
        }
        for row in comments
    ]
    return rows


def ideas_decided(
    *, start: datetime, end: datetime, author_ids: Collection[int] | None = None
) -> list[dict[str, Any]]:
    """Ideas (not hidden, not merged away) that received a decision in [start, end): their
    owner moved them to selected, implemented or rejected. Two queries.

    Each row: id, author_id, implemented (moved to implemented in the period). With
    `author_ids`, anonymous ideas are left out.
    """
    changes = StatusChange.objects.filter(
        created_at__gte=start, created_at__lt=end, to_status__in=list(DECIDED_STATUSES)
    )
    implemented = set(
        changes.filter(to_status=Status.IMPLEMENTED).values_list("idea_id", flat=True)
    )
    ideas = _by_name(
        Idea.objects.visible().filter(pk__in=changes.values("idea_id")), author_ids
    ).values_list("id", "author_id")
    return [
        {"id": pk, "author_id": author, "implemented": pk in implemented} for pk, author in ideas
    ]
