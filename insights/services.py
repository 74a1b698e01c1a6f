"""Writes of the insights app: activity days, KPI snapshots, the weekly signals report."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from insights.kpis import KPIS, measure
from insights.models import ActivityDay, KPISnapshot, SignalReport
from insights.selectors import (
    group_for,
    last_complete_week,
    monday_of,
    teams_large_enough,
    week_bounds,
)

ACTIVITY_KEY = "insights:activity:{day}"
ACTIVITY_KEY_TTL = 8 * 86400


def _redis():
    url = settings.INSIGHTS_ACTIVITY_REDIS_URL
    return redis.Redis.from_url(url, socket_timeout=2) if url else None


logger = logging.getLogger(__name__)


def record_activity(*, user, day: date | None = None) -> None:
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
    acknowledgements still reach the weeks they belong to. A team gets snapshots only when it
    has at least the floor of people. Re-running updates the same rows. Returns the number
    of snapshots written.
    """
    if weeks is None:
        current = monday_of(timezone.localdate())
        weeks = [current - timedelta(weeks=n) for n in range(4)]
    groups = [(None, group_for(None))] + [(team, group_for(team)) for team in teams_large_enough()]
    written = 0
    for week in weeks:
        start, end = week_bounds(week)
        for team, group in groups:
            for code in KPIS:
                result = measure(code, start, end, group)
                KPISnapshot.objects.update_or_create(
                    kpi=code,
                    team=team,
                    week_start=week,
                    defaults={"value": result.value, "people": result.people},
                )
                written += 1
    return written


def send_weekly_signals_report(*, week: date | None = None) -> SignalReport | None:
    """Record the signals report of last week and enqueue its email to the communicators.

    The week is unique: a retried or overlapping run finds the report recorded and sends
    nothing (None). The email itself goes through the outbox, which runs it once.
    """
    from insights.detection import weekly_signals
    from insights.tasks import email_signals_report

    week = week or last_complete_week()
    with transaction.atomic():
        report, created = SignalReport.objects.get_or_create(week_start=week)
        if not created:
            return None
        report.summary = weekly_signals(week)
        report.save(update_fields=["summary"])
        email_signals_report.enqueue(report.pk)
    return report
