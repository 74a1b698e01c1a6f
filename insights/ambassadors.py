"""Ambassadors: people who volunteered (`Profile.is_ambassador`, on their own profile), with
their reach across teams, for communicators only (`/insights/ambassadors/`).

Reach, over the last 90 days, is who interacted with what the ambassador shared: comments
and reactions on their ideas (anonymous ones never count: they would tie the idea to its
author) and community posts, votes on their ideas, replies to their comments, kudos they
received. It is given as the number of distinct teams those people belong to, and the
number of those people. Nobody who did not opt in is ever listed, and no interacting person
is named. Fewer than `privacy.min_people()` interacting people give no figure at all; with
team breakdowns turned off (`privacy.team_breakdowns_on()`), only the people are counted.

Two queries whatever the number of people: one aggregate in SQL over the union of the
interactions, one for the opted-in profiles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    When,
)
from django.utils import timezone

from communities.models import Post
from core.conversations.models import Comment, Reaction
from ideas.models import Idea, Vote
from insights.privacy import min_people, team_breakdowns_on
from people.consents import ambassadors
from people.models import Kudos, Profile

REACH_DAYS = 90


@dataclass(frozen=True)
class Ambassador:
    profile: Profile
    people: int  # distinct people who interacted with them (themselves excluded)
    teams: int | None  # their distinct teams; None when team breakdowns are off
    shown: bool  # at least the floor of people: the figures may be shown


def _target_owner() -> Case:
    """Over conversation rows (comments, reactions): the author of the idea or community post
    they are about, or null (anything else, or an anonymous idea)."""
    types = ContentType.objects.get_for_models(Idea, Post)
    idea_author = Idea.objects.filter(pk=OuterRef("conversation__object_id"), anonymous=False)
    post_author = Post.objects.filter(pk=OuterRef("conversation__object_id"))
    return Case(
        When(
            conversation__content_type=types[Idea],
            then=Subquery(idea_author.values("author_id")[:1]),
        ),
        When(
            conversation__content_type=types[Post],
            then=Subquery(post_author.values("author_id")[:1]),
        ),
        default=None,
        output_field=BigIntegerField(),
    )


def _interactions(since: datetime) -> QuerySet[Any]:
    """(owner, actor, team) rows, distinct: an actor of `team` interacted with the content of
    `owner`, an ambassador. A union of one query per kind of interaction."""
    ambassador_ids = ambassadors().values("user_id")

    def rows(queryset: QuerySet[Any], owner: Any, actor: str, team: str) -> QuerySet[Any]:
        return (
            queryset.annotate(r_owner=owner, r_actor=F(actor), r_team=F(team))
            .filter(r_owner__in=ambassador_ids)
            .values("r_owner", "r_actor", "r_team")
            .order_by()  # no model ordering inside a UNION
        )

    owner = _target_owner()
    comments = Comment.objects.filter(created_at__gte=since, hidden_at__isnull=True)
    parts = [
        rows(comments, owner, "author_id", "author__profile__team_id"),
        rows(
            Reaction.objects.filter(created_at__gte=since),
            owner,
            "user_id",
            "user__profile__team_id",
        ),
        rows(
            Vote.objects.filter(created_at__gte=since, idea__anonymous=False),
            F("idea__author_id"),
            "user_id",
            "user__profile__team_id",
        ),
        rows(
            comments.filter(parent__isnull=False),
            F("parent__author_id"),
            "author_id",
            "author__profile__team_id",
        ),
        rows(
            Kudos.objects.filter(created_at__gte=since),
            F("recipient__user_id"),
            "sender_id",
            "sender__profile__team_id",
        ),
    ]
    return parts[0].union(*parts[1:])


def reach_by_ambassador(since: datetime) -> dict[int, tuple[int, int]]:
    """{ambassador user id: (distinct people, distinct teams)} of those who interacted with
    them since `since`, themselves excluded. One query, aggregated by the database."""
    union_sql, params = _interactions(since).query.sql_with_params()
    # The inner SQL is Django's own compilation of the union; every value is a parameter.
    sql = f"""
        SELECT reach.r_owner, COUNT(DISTINCT reach.r_actor), COUNT(DISTINCT reach.r_team)
        FROM ({union_sql}) AS reach
        WHERE reach.r_actor <> reach.r_owner
        GROUP BY reach.r_owner
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {owner: (people, teams) for owner, people, teams in cursor.fetchall()}


def ambassadors_by_reach(
    *, days: int = REACH_DAYS, now: datetime | None = None
) -> list[Ambassador]:
    """Every active opted-in ambassador with their reach, widest first (those whose figures
    are withheld last, by name). Two queries."""
    since = (now or timezone.now()) - timedelta(days=days)
    reach = reach_by_ambassador(since)
    floor, by_team = min_people(), team_breakdowns_on()
    found = []
    for profile in ambassadors().select_related("user", "team"):
        people, teams = reach.get(profile.user_id, (0, 0))
        shown = people >= floor
        found.append(
            Ambassador(
                profile=profile,
                people=people if shown else 0,
                teams=(teams if shown else 0) if by_team else None,
                shown=shown,
            )
        )
    found.sort(
        key=lambda a: (
            not a.shown,
            -(a.teams or 0),
            -a.people,
            a.profile.user.last_name,
            a.profile.user.first_name,
            a.profile.pk,
        )
    )
    return found
