"""Who must acknowledge a must-read, and who has: rates by team and the export rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet

from news.models import Acknowledgement, NewsPage
from people.models import Profile
from people.selectors import team_descendant_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def must_reads_overview() -> QuerySet[NewsPage]:
    """Live must-reads, next due first, with how many people acknowledged each."""
    pages: QuerySet[NewsPage] = (
        NewsPage.objects.live()
        .filter(must_read=True)
        .annotate(acknowledged=Count("acknowledgements"))
        .order_by(F("must_read_due").asc(nulls_last=True), "-first_published_at")
    )
    return pages


def addressed_profiles(page: NewsPage) -> QuerySet[Profile]:
    """Active people a must-read is addressed to (its audience teams and their sub-teams)."""
    team_ids = list(page.audience_teams.values_list("id", flat=True))
    profiles = Profile.objects.active()
    if team_ids:
        profiles = profiles.filter(team_id__in=team_descendant_ids(team_ids))
    return profiles


def addressed_users(page: NewsPage) -> QuerySet[User]:
    user_ids = addressed_profiles(page).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True)


@dataclass
class TeamRate:
    team: str
    total: int
    acknowledged: int

    @property
    def percent(self) -> int:
        return round(100 * self.acknowledged / self.total) if self.total else 0


def acknowledgement_rates(page: NewsPage) -> list[TeamRate]:
    rows = (
        addressed_profiles(page)
        .values("team__name")
        .annotate(
            total=Count("id", distinct=True),
            acknowledged=Count(
                "user__news_acknowledgements",
                filter=Q(user__news_acknowledgements__page=page),
                distinct=True,
            ),
        )
        .order_by("team__name")
    )
    return [TeamRate(row["team__name"] or "—", row["total"], row["acknowledged"]) for row in rows]


def acknowledgement_rows(page: NewsPage) -> list[tuple[str, str, str, datetime | None]]:
    """(name, email, team, acknowledged at or None) for every addressed person."""
    acks = dict(Acknowledgement.objects.filter(page=page).values_list("user_id", "acknowledged_at"))
    profiles = addressed_profiles(page).select_related("user", "team")
    return [
        (
            profile.full_name,
            profile.user.email,
            profile.team.name if profile.team else "",
            acks.get(profile.user_id),
        )
        for profile in profiles
    ]
