"""Reads of news and leadership for the insights app: contributions, must-reads, questions.

Every function is a fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime
from typing import Any, TypeVar

from django.db.models import Count, Q, QuerySet, Value

from core.conversations.models import Comment
from core.conversations.selectors import comments_of
from news.models import Acknowledgement, LeadershipUpdatePage, NewsPage, Question
from people.models import Profile
from people.selectors import team_descendants_map

_Rows = TypeVar("_Rows", bound="QuerySet[Any]")


def _restrict(queryset: _Rows, field: str, user_ids: Collection[int] | None) -> _Rows:
    return queryset if user_ids is None else queryset.filter(**{f"{field}__in": list(user_ids)})


def _news_comments() -> QuerySet[Comment]:
    return comments_of(NewsPage, LeadershipUpdatePage)


def _questions(
    start: datetime, end: datetime, user_ids: Collection[int] | None
) -> QuerySet[Question]:
    """Questions of these people, leaving anonymous ones out: a figure by group never counts
    an anonymous question (it could be worked out who asked it). Everyone's (None) keeps them."""
    questions = _restrict(
        Question.objects.filter(created_at__gte=start, created_at__lt=end), "author_id", user_ids
    )
    return questions if user_ids is None else questions.filter(anonymous=False)


def news_contributor_ids(
    *, start: datetime, end: datetime, user_ids: Collection[int] | None = None
) -> set[int]:
    """People who commented on news or asked leadership a question in [start, end).

    With `user_ids`, anonymous questions do not count.
    """
    comments = _restrict(
        _news_comments().filter(created_at__gte=start, created_at__lt=end), "author_id", user_ids
    )
    questions = _questions(start, end, user_ids)
    return set(comments.values_list("author_id", flat=True)) | set(
        questions.values_list("author_id", flat=True)
    )


def must_read_coverage(
    pages: QuerySet[NewsPage], user_ids: Collection[int] | None = None
) -> list[dict[str, Any]]:
    """For each must-read: the active people it is addressed to and who acknowledged it.

    Each row: page (id, title, must_read_due), addressed (set of user ids), acknowledged
    (subset of addressed). `user_ids` keeps only these people. Four queries (five when a
    must-read has an audience), whatever the number of must-reads.
    """
    must_reads = list(pages.filter(must_read=True).only("id", "title", "must_read_due"))
    if not must_reads:
        return []
    audiences: dict[int, list[int]] = defaultdict(list)
    through = NewsPage.audience_teams.through
    for page_id, team_id in through.objects.filter(
        newspage_id__in=[p.pk for p in must_reads]
    ).values_list("newspage_id", "team_id"):
        audiences[page_id].append(team_id)
    people = _restrict(Profile.objects.active(), "user_id", user_ids)
    team_of = dict(people.values_list("user_id", "team_id"))
    acknowledged: dict[int, set[int]] = defaultdict(set)
    acks = Acknowledgement.objects.filter(page__in=must_reads, user_id__in=list(team_of))
    for page_id, user_id in acks.values_list("page_id", "user_id"):
        acknowledged[page_id].add(user_id)
    # The teams below every audience team, in one query for all the must-reads.
    audience_ids = sorted({team_id for teams in audiences.values() for team_id in teams})
    below = team_descendants_map(audience_ids) if audience_ids else {}
    rows = []
    for page in must_reads:
        if audiences[page.pk]:
            reached = set().union(*(below[team_id] for team_id in audiences[page.pk]))
            addressed = {user for user, team in team_of.items() if team in reached}
        else:
            addressed = set(team_of)
        rows.append(
            {
                "page": page,
                "addressed": addressed,
                "acknowledged": acknowledged[page.pk] & addressed,
            }
        )
    return rows


def must_reads_published(*, start: datetime, end: datetime) -> QuerySet[NewsPage]:
    pages: QuerySet[NewsPage] = NewsPage.objects.live().filter(
        must_read=True, first_published_at__gte=start, first_published_at__lt=end
    )
    return pages


def live_must_reads() -> QuerySet[NewsPage]:
    pages: QuerySet[NewsPage] = (
        NewsPage.objects.live().filter(must_read=True).order_by("-first_published_at")
    )
    return pages


def question_answers(
    *, start: datetime, end: datetime, user_ids: Collection[int] | None = None
) -> dict[str, int]:
    """Leadership questions asked in [start, end): how many, how many answered, by how many.

    With `user_ids`, anonymous questions do not count.
    """
    counts: dict[str, int] = _questions(start, end, user_ids).aggregate(
        asked=Count("id"),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        askers=Count("author_id", distinct=True),
    )
    return counts


def news_texts(*, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """What people wrote about news and to leadership in [start, end), as plain text.

    Each row: author_id, created_at, text, tags (none), topic (a fixed label), anonymous (an
    anonymous question: count it by nobody's team). Hidden comments are left out.
    """
    comments = (
        _news_comments()
        .filter(created_at__gte=start, created_at__lt=end, hidden_at__isnull=True)
        .values_list("author_id", "created_at", "body", Value(False))
    )
    questions = Question.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
        "author_id", "created_at", "body", "anonymous"
    )
    rows: list[dict[str, Any]] = [
        {
            "author_id": a,
            "created_at": at,
            "text": body,
            "tags": [],
            "topic": topic,
            "anonymous": anon,
        }
        for topic, found in (("news", comments), ("leadership", questions))
        for a, at, body, anon in found
    ]
    return rows
