"""Community health, for its animators: who is active, how much is posted, how questions
are answered and how fast.

Every figure comes from at least the house floor of people (`INSIGHTS_MIN_PEOPLE`, 5), or it
is withheld (None): with fewer, a figure could point at one person. A count of people is
withheld below the floor; a figure about posts or answers when fewer people made them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from communities.models import Community, Membership, Post, PostKind
from core.conversations.models import Comment, Reaction

WINDOW_DAYS = 30
WEEKS = 4


def floor() -> int:
    """The fewest people a figure may come from (the insights floor, shared by the house)."""
    return int(settings.INSIGHTS_MIN_PEOPLE)


@dataclass
class WeekBar:
    starts_on: datetime
    posts: int | None  # None: withheld
    percent: int = 0
    step: int = 0  # the percent to the nearest ten, for the bar's CSS class


@dataclass
class Health:
    since: datetime
    floor: int
    members: int | None
    active_members: int | None
    new_members: int | None
    posts: int | None
    questions: int | None
    answered_percent: int | None
    median_response: timedelta | None
    weeks: list[WeekBar] = field(default_factory=list)


def _kept(value: int, people: int, minimum: int) -> int | None:
    return value if people >= minimum else None


def community_health(community: Community, now: datetime | None = None) -> Health:
    """The last 30 days of `community`, in a fixed number of queries."""
    now = now or timezone.now()
    since = now - timedelta(days=WINDOW_DAYS)
    minimum = floor()
    member_ids = set(
        Membership.objects.filter(community=community).values_list("user_id", flat=True)
    )
    new_members = Membership.objects.filter(community=community, joined_at__gte=since).count()
    post_type = ContentType.objects.get_for_model(Post)
    community_posts = Post.objects.published().filter(community=community)
    conversations = {
        "conversation__content_type": post_type,
        "conversation__object_id__in": community_posts.values("pk"),
    }
    recent = list(
        community_posts.filter(publish_at__gte=since)
        .annotate(
            first_reply_at=Subquery(
                Comment.objects.filter(
                    conversation__content_type=post_type,
                    conversation__object_id=OuterRef("pk"),
                    hidden_at__isnull=True,
                )
                .exclude(author_id=OuterRef("author_id"))
                .order_by("created_at", "pk")
                .values("created_at")[:1]
            )
        )
        .values("author_id", "kind", "publish_at", "accepted_answer_id", "first_reply_at")
    )
    commenters = set(
        Comment.objects.filter(created_at__gte=since, **conversations).values_list(
            "author_id", flat=True
        )
    )
    reacters = set(
        Reaction.objects.filter(created_at__gte=since, **conversations).values_list(
            "user_id", flat=True
        )
    )
    authors = {row["author_id"] for row in recent}
    active = (authors | commenters | reacters) & member_ids
    questions = [row for row in recent if row["kind"] == PostKind.QUESTION]
    askers = {row["author_id"] for row in questions}
    answered = [q for q in questions if q["accepted_answer_id"] or q["first_reply_at"]]
    delays = [
        row["first_reply_at"] - row["publish_at"]
        for row in recent
        if row["first_reply_at"] is not None
    ]
    return Health(
        since=since,
        floor=minimum,
        members=len(member_ids),  # shown on the community page to everyone anyway
        active_members=_kept(len(active), len(active), minimum),
        new_members=_kept(new_members, new_members, minimum),
        posts=_kept(len(recent), len(authors), minimum),
        questions=_kept(len(questions), len(askers), minimum),
        answered_percent=(
            round(100 * len(answered) / len(questions))
            if questions and len(askers) >= minimum
            else None
        ),
        # Who answered is not known here without a query per post: the floor is held on the
        # people who commented in the window, and on the number of answered posts.
        median_response=(
            median(delays) if len(delays) >= minimum and len(commenters) >= minimum else None
        ),
        weeks=_weeks(recent, now, minimum),
    )


def _weeks(recent: list[dict[str, Any]], now: datetime, minimum: int) -> list[WeekBar]:
    """Posts per week, oldest first, each withheld when fewer than the floor wrote them."""
    bars = []
    for back in range(WEEKS - 1, -1, -1):
        end = now - timedelta(days=7 * back)
        start = end - timedelta(days=7)
        rows = [row for row in recent if start <= row["publish_at"] < end]
        bars.append(WeekBar(start, _kept(len(rows), len({r["author_id"] for r in rows}), minimum)))
    tallest = max((bar.posts or 0 for bar in bars), default=0)
    for bar in bars:
        bar.percent = round(100 * (bar.posts or 0) / tallest) if tallest else 0
        bar.step = round(bar.percent, -1)
    return bars
