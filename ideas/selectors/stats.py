"""Challenge statistics and the contributors' leaderboard."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Min

from ideas.models import ChallengePage, Idea, Status, StatusChange, Vote

from .access import challenges_visible_to
from .comments import idea_comments

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def challenge_stats(challenge: ChallengePage) -> dict[str, Any]:
    """Participants, ideas, votes, comments, share answered, median time to first answer."""
    ideas = Idea.objects.filter(challenge=challenge, merged_into__isnull=True)
    idea_rows = list(ideas.values_list("pk", "author_id", "created_at", "status"))
    co_authors = set(
        Idea.co_authors.through.objects.filter(idea__challenge=challenge).values_list(
            "user_id", flat=True
        )
    )
    voters = set(Vote.objects.filter(challenge=challenge).values_list("user_id", flat=True))
    comments = idea_comments(Idea.objects.filter(challenge=challenge))
    commenters = set(comments.values_list("author_id", flat=True))
    participants = {author for _pk, author, _at, _status in idea_rows}
    participants |= co_authors | voters | commenters
    first_answers = dict(
        StatusChange.objects.filter(idea__in=ideas)
        .values("idea_id")
        .annotate(first=Min("created_at"))
        .values_list("idea_id", "first")
    )
    delays = [
        first_answers[pk] - created
        for pk, _author, created, _status in idea_rows
        if pk in first_answers
    ]
    answered = sum(
        1 for pk, _a, _c, status in idea_rows if pk in first_answers or status != Status.SUBMITTED
    )
    median = (
        timedelta(seconds=statistics.median(d.total_seconds() for d in delays)) if delays else None
    )
    return {
        "participants": len(participants),
        "ideas": len(idea_rows),
        "votes": Vote.objects.filter(challenge=challenge).count(),
        "comments": comments.count(),
        "answered_share": answered / len(idea_rows) if idea_rows else 0.0,
        "median_first_answer": median,
        "by_status": Counter(status for _pk, _a, _c, status in idea_rows),
    }


def leaderboard(
    user: User | AnonymousUser, challenge: ChallengePage | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """Contributors ranked by ideas implemented, then selected, then submitted.

    Authors and co-authors count alike; anonymous and hidden ideas are left out so that the
    board never reveals who wrote an anonymous idea. Only challenges `user` may see count.
    """
    ideas = Idea.objects.visible().filter(anonymous=False)
    if challenge is not None:
        ideas = ideas.filter(challenge=challenge)
    else:
        ideas = ideas.filter(challenge__in=challenges_visible_to(user).values("pk"))
    status_of = dict(ideas.values_list("pk", "status"))
    credits: dict[int, Counter[str]] = {}
    people = list(ideas.values_list("pk", "author_id")) + list(
        Idea.co_authors.through.objects.filter(idea_id__in=status_of).values_list(
            "idea_id", "user_id"
        )
    )
    for idea_id, person_id in people:
        counter = credits.setdefault(person_id, Counter())
        counter["ideas"] += 1
        counter[status_of[idea_id]] += 1
    ranked = sorted(
        credits.items(),
        key=lambda item: (
            -item[1][Status.IMPLEMENTED],
            -item[1][Status.SELECTED],
            -item[1]["ideas"],
            item[0],
        ),
    )[:limit]
    users = get_user_model().objects.in_bulk([pk for pk, _counter in ranked])
    return [
        {
            "user": users[pk],
            "implemented": counter[Status.IMPLEMENTED],
            "selected": counter[Status.SELECTED],
            "ideas": counter["ideas"],
        }
        for pk, counter in ranked
    ]
