"""Writes of the insights app: activity days, KPI snapshots, objectives turned on from their
templates, the weekly signals report."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING

import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from insights.disclosure import disclose
from insights.kpis import Group, registered_kpis
from insights.kpis_registry import get_kpi
from insights.models import ActivityDay, KPISnapshot, Objective, ObjectiveKPI
from insights.objective_templates import DEFAULT_PERIOD_DAYS, objective_template
from insights.privacy import team_breakdowns_on
from insights.selectors import (
    floor,
    group_for,
    monday_of,
    team_tree,
    week_bounds,
)
from people.models import Team

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ACTIVITY_KEY = "insights:activity:{day}"
ACTIVITY_KEY_TTL = 8 * 86400


def _redis() -> redis.Redis | None:
    url = settings.INSIGHTS_ACTIVITY_REDIS_URL
    return redis.Redis.from_url(url, socket_timeout=2) if url else None


logger = logging.getLogger(__name__)


def record_activity(*, user: User, day: date | None = None) -> None:
    """Note that this person used Ruche on this day (today by default).

    In the full mode the note goes to Redis and `flush_activity` moves it to the database
    later, so that a page view never writes to PostgreSQL; without Redis, or when it is down,
    the day is written at once. Either way a second note the same day changes nothing.
    """
    day = day or timezone.localdate()
    client = _redis()
    if client is not None:
        try:
            client.sadd(ACTIVITY_KEY.format(day=day.isoformat()), user.pk)
            client.expire(ACTIVITY_KEY.format(day=day.isoformat()), ACTIVITY_KEY_TTL)
            return
        except redis.RedisError:
            logger.warning("Redis unavailable: activity of %s written directly", user.pk)
    ActivityDay.objects.bulk_create([ActivityDay(user_id=user.pk, day=day)], ignore_conflicts=True)


def flush_activity(*, days: int = 7) -> int:
    """Move the activity noted in Redis over the last `days` days into the database.

    Rows are inserted before their notes are removed, and an existing row is left alone, so
    a crash or a second run in between loses nothing and duplicates nothing.
    """
    client = _redis()
    if client is None:
        return 0
    today = timezone.localdate()
    moved = 0
    for offset in range(days):
        day = today - timedelta(days=offset)
        key = ACTIVITY_KEY.format(day=day.isoformat())
        user_ids = [int(member) for member in client.smembers(key)]
        if not user_ids:
            continue
        existing_users = set(
            get_user_model().objects.filter(pk__in=user_ids).values_list("pk", flat=True)
        )
        ActivityDay.objects.bulk_create(
            [ActivityDay(user_id=pk, day=day) for pk in user_ids if pk in existing_users],
            ignore_conflicts=True,
        )
        client.srem(key, *user_ids)
        moved += len(user_ids)
    return moved


def snapshot_kpis(*, weeks: list[date] | None = None) -> int:
    """Compute every KPI for these weeks (Mondays), organisation-wide and per team.

    By default the current week and the three before it, so that late answers and
    acknowledgements still reach the weeks they belong to. A team gets snapshots only when
    its figures may be shown (`insights.selectors.team_tree`). For each KPI and week, a value
    is stored only when drawn from at least the floor of people and when no group under the
    floor can be worked out by subtracting it from other stored values of that KPI and week
    (`insights.disclosure`, on the people each value is drawn from); otherwise it is stored
    as withheld. Re-running updates the same rows, and drops those weeks' rows of teams whose
    figures may no longer be shown. Returns the number of snapshots written.
    """
    if weeks is None:
        current = monday_of(timezone.localdate())
        weeks = [current - timedelta(weeks=n) for n in range(4)]
    tree = team_tree()
    # With team breakdowns turned off (works council), only the organisation is measured.
    measured_teams = tree.shown if team_breakdowns_on() else set()
    teams = {None: None} | {team.pk: team for team in Team.objects.filter(pk__in=measured_teams)}
    groups = {None: group_for(None)} | {
        pk: Group(members={user: tree.members[user] for user in tree.people(pk)}, restricted=True)
        for pk in teams
        if pk is not None
    }
    written = 0
    KPISnapshot.objects.filter(week_start__in=weeks, team__isnull=False).exclude(
        team__in=[pk for pk in teams if pk is not None]
    ).delete()
    for week in weeks:
        start, end = week_bounds(week)
        for code, kpi in registered_kpis().items():
            measured = groups if kpi.by_team else {None: groups[None]}
            results = {pk: kpi.compute(start, end, group) for pk, group in measured.items()}
            kept = disclose(
                children=tree.children,
                size={pk: result.people for pk, result in results.items()},
                minimum=floor(),
            )
            for pk, result in results.items():
                shown = pk in kept and result.people >= floor()
                KPISnapshot.objects.update_or_create(
                    kpi=code,
                    team=teams[pk],
                    week_start=week,
                    defaults={"value": result.value if shown else None, "people": result.people},
                )
                written += 1
    return written


@transaction.atomic
def turn_on_objective_template(code: str, *, today: date | None = None) -> tuple[Objective, bool]:
    """Create the objective of a built-in template (`insights.objective_templates`) with its
    KPIs and suggested targets, for a year from today; the administrator edits it after.

    Turning a template on again creates nothing (one objective per template, a unique
    constraint) and keeps the targets set since; it only adds the template's KPIs registered
    since (say, by the actions sub-app). Returns the objective and whether it was created.
    Raises LookupError for an unknown template.
    """
    template = objective_template(code)
    if template is None:
        raise LookupError(code)
    today = today or timezone.localdate()
    objective, created = Objective.objects.get_or_create(
        template=code,
        defaults={
            "title": template.title_in(),
            "description": template.description_in(),
            "starts_on": today,
            "ends_on": today + timedelta(days=DEFAULT_PERIOD_DAYS),
        },
    )
    for order, (kpi_code, target) in enumerate(template.targets):
        if get_kpi(kpi_code) is not None:
            ObjectiveKPI.objects.get_or_create(
                objective=objective, kpi=kpi_code, defaults={"target": target, "sort_order": order}
            )
    return objective, created
