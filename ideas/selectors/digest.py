"""Reads behind what ideas says in the digests and nudges (`ideas.digest`, `ideas.nudges`).

Everything per reader goes through `challenges_visible_to` / `ideas_visible_to`, so a
challenge restricted to some teams is never mentioned to anyone else.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from ideas.models import ChallengePage, Idea, Status, StatusChange

from .access import challenges_visible_to, ideas_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from wagtail.query import PageQuerySet


def challenges_opening_for(user: User, *, since: datetime, until: datetime) -> PageQuerySet:
    """Challenges this reader may see whose submission opens in [since, until)."""
    return challenges_visible_to(user).filter(opens_at__gte=since, opens_at__lt=until)


def challenges_closing_for(user: User, *, since: datetime, until: datetime) -> PageQuerySet:
    """Challenges this reader may see, already open, that close in [since, until)."""
    return challenges_visible_to(user).filter(
        opens_at__lt=since, closes_at__gte=since, closes_at__lt=until
    )


def any_challenge_opening_or_closing(*, since: datetime, until: datetime) -> bool:
    found: bool = (
        ChallengePage.objects.live()
        .filter(
            Q(opens_at__gte=since, opens_at__lt=until)
            | Q(closes_at__gte=since, closes_at__lt=until)
        )
        .exists()
    )
    return found


def answers_to_ideas_of(user: User, *, since: datetime, until: datetime) -> QuerySet[StatusChange]:
    """Owner answers given in [since, until) to ideas this reader wrote or co-wrote."""
    mine = ideas_visible_to(user).filter(Q(author=user) | Q(co_authors=user)).values("pk")
    return (
        StatusChange.objects.filter(idea__in=mine, created_at__gte=since, created_at__lt=until)
        .select_related("idea")
        .order_by("created_at", "pk")
    )


def authors_answered_between(*, since: datetime, until: datetime) -> set[int]:
    """Ids of the authors and co-authors of ideas answered in [since, until), in two queries."""
    answered = StatusChange.objects.filter(created_at__gte=since, created_at__lt=until).values(
        "idea_id"
    )
    authors = set(Idea.objects.filter(pk__in=answered).values_list("author_id", flat=True))
    return authors | set(
        Idea.co_authors.through.objects.filter(idea_id__in=answered).values_list(
            "user_id", flat=True
        )
    )


def unanswered_ideas_by_challenge(*, older_than: datetime) -> dict[ChallengePage, list[int]]:
    """Per live challenge, its visible ideas still waiting for a first answer since before
    `older_than` (for nudging the owner, who may see them all). Two queries."""
    waiting: dict[int, list[int]] = {}
    rows = (
        Idea.objects.visible()
        .filter(status=Status.SUBMITTED, created_at__lt=older_than, challenge__live=True)
        .order_by("challenge_id", "pk")
        .values_list("challenge_id", "pk")
    )
    for challenge_id, idea_id in rows:
        waiting.setdefault(challenge_id, []).append(idea_id)
    challenges = ChallengePage.objects.filter(pk__in=waiting)
    return {challenge: waiting[challenge.pk] for challenge in challenges}
