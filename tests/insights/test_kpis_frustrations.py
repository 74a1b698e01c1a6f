"""KPIs of the frustrations objective that insights computes: the signals raised each week.
(Actions closed and the time from a signal to its action come from the actions sub-app.)"""

from datetime import timedelta

import pytest
from django.utils import timezone

from insights.kpis import measure
from insights.models import KPISnapshot, SignalReport
from insights.selectors import group_for, monday_of, week_bounds
from insights.services import snapshot_kpis
from tests.people.factories import TeamFactory, employees

pytestmark = pytest.mark.django_db


def report(week, *, emerging=0, zero=0, topics=0):
    return SignalReport.objects.create(
        week_start=week,
        summary={
            "week": week.isoformat(),
            "emerging": [{"term": f"mot{n}", "people": 6} for n in range(emerging)],
            "zero_results": [{"query": f"q{n}", "searchers": 5} for n in range(zero)],
            "frustration": {"people": 7, "topics": [[f"t{n}", 5] for n in range(topics)]},
        },
    )


def test_signals_raised_counts_the_signals_of_the_weekly_report():
    week = monday_of(timezone.localdate()) - timedelta(weeks=1)
    report(week, emerging=3, zero=2, topics=1)
    report(week - timedelta(weeks=1), emerging=9)  # the week before: another figure

    result = measure("signals_raised", *week_bounds(week), group_for(None))
    assert result.value == 6.0


def test_a_week_without_a_report_has_no_figure_and_no_team_gets_one():
    support = TeamFactory(name="Support")
    employees(6, team=support)
    employees(6)
    week = monday_of(timezone.localdate()) - timedelta(weeks=1)
    assert measure("signals_raised", *week_bounds(week), group_for(None)).value is None

    report(week, zero=1)
    snapshot_kpis(weeks=[week])
    assert KPISnapshot.objects.get(kpi="signals_raised", team=None, week_start=week).value == 1.0
    assert not KPISnapshot.objects.filter(kpi="signals_raised", team=support).exists()
    assert measure("signals_raised", *week_bounds(week), group_for(support)).value is None
