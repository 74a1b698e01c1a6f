"""KPIs of the frustrations objective that insights computes itself: the signals raised.

Actions closed and the time from a signal to its action are registered by the actions
sub-app (`insights.actions`) through `insights.kpis_registry.register_kpi`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from insights.kpis_registry import Group, Measure
from insights.models import SignalReport
from insights.privacy import min_people


def signal_count(summary: dict[str, Any]) -> int:
    """Signals in a weekly report: emerging topics, recurring zero-result searches and
    frustration topics (each already drawn from at least the floor of people)."""
    frustration = summary.get("frustration") or {}
    return (
        len(summary.get("emerging") or [])
        + len(summary.get("zero_results") or [])
        + len(frustration.get("topics") or [])
    )


def signals_raised(start: datetime, end: datetime, group: Group) -> Measure:
    """Signals of the weekly reports of the weeks starting in [start, end), for everyone.

    Each signal already has the floor of people behind it, so the count is shown whenever a
    report exists; there is none by team (the KPI is registered with `by_team=False`).
    """
    reports = SignalReport.objects.filter(
        week_start__gte=timezone.localdate(start),
        week_start__lte=timezone.localdate(end - timedelta(microseconds=1)),
    ).values_list("summary", flat=True)
    summaries = list(reports)
    if group.restricted or not summaries:
        return Measure(None, 0)
    return Measure(float(sum(signal_count(summary) for summary in summaries)), min_people())
