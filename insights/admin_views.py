"""Communicators' admin screens: the KPI dashboard (with CSV) and the weekly signals."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.charts import line_chart, trend
from core.exports import csv_response
from core.formats import local_number
from insights import selectors
from insights.detection import SignalSeries, signal_history, weekly_signals
from insights.privacy import team_breakdowns_on
from people.models import Team


def _communicators_only(request) -> None:
    if not selectors.is_communicator(request.user):
        raise PermissionDenied


def _team(request) -> Team | None:
    if not team_breakdowns_on():  # a works-council agreement: the organisation only
        return None
    team_id = request.GET.get("team", "")
    if not team_id.isdigit():
        return None
    return Team.objects.filter(pk=int(team_id)).first()


@require_GET
def kpi_dashboard(request):
    """Each objective's KPIs against their targets, week by week, for everyone or a team."""
    _communicators_only(request)
    team = _team(request) if team_breakdowns_on() else None
    board = selectors.objectives_dashboard(team)
    if request.GET.get("format") == "csv":
        return _kpi_csv(board, team)
    objectives = [
        (objective, [(row, _weekly_chart(row)) for row in rows]) for objective, rows in board
    ]
    return render(
        request,
        "insights/admin/kpi_dashboard.html",
        {
            "page_title": _("KPIs and objectives"),
            "objectives": objectives,
            "teams": Team.objects.order_by("name").only("pk", "name")
            if team_breakdowns_on()
            else Team.objects.none(),
            "team": team,
            "floor": selectors.floor(),
            "breakdowns": team_breakdowns_on(),
            "query": request.GET.urlencode(),
            "team_breakdowns_off": not team_breakdowns_on(),
        },
    )


def _weekly_chart(row: selectors.KPIRow):
    return line_chart(
        [week for week, _value in row.points],
        [(str(row.label), [value for _week, value in row.points])],
        target=row.target,
    )


def _signal_card(series: SignalSeries) -> dict:
    """A signal's metric card and chart (a withheld week is a gap, said in the table)."""
    values: list[float | None] = [
        None if value is None else float(value) for value in series.values
    ]
    return {
        "series": series,
        "value": "" if series.latest is None else local_number(series.latest),
        "trend": trend(series.latest, series.previous, higher_is_better=series.higher_is_better),
        "chart": line_chart(series.weeks, [(series.label, values)]),
    }


SPARK_WIDTH, SPARK_HEIGHT, SPARK_STEP = 96, 24, 12


def _sparkline(series: list[int | None]) -> dict | None:
    """The points of a small line of a theme's weeks (a withheld week drawn at 0: the figures
    beside it say "–"); the numbers themselves are written next to it."""
    values = [value or 0 for value in series]
    if not values:
        return None
    high = max(values) or 1
    step = min(SPARK_STEP, (SPARK_WIDTH - 2) / max(len(values) - 1, 1))
    points = " ".join(
        f"{1 + n * step:.1f},{SPARK_HEIGHT - 2 - (SPARK_HEIGHT - 4) * value / high:.1f}"
        for n, value in enumerate(values)
    )
    return {"points": points, "width": SPARK_WIDTH, "height": SPARK_HEIGHT}


def _kpi_csv(board, team: Team | None) -> HttpResponse:
    return csv_response(
        filename="ruche-kpis.csv",
        header=["objective", "kpi", "unit", "team", "week", "value", "target"],
        rows=(
            [
                objective.title,
                row.code,
                row.unit,
                team.name if team else "",
                week.isoformat(),
                "" if value is None else f"{value:g}",
                f"{row.target:g}",
            ]
            for objective, rows in board
            for row in rows
            for week, value in row.points
        ),
    )


@require_GET
def signals(request):
    """Last week's signals, as the communicators receive them by email, under a metric card
    per signal (its trend against the week before) with its chart of the last weeks."""
    _communicators_only(request)
    week = selectors.last_complete_week()
    signals_of_week = weekly_signals(week)
    themes = [
        {**theme, "sparkline": _sparkline(theme["series"])} for theme in signals_of_week["themes"]
    ]
    return render(
        request,
        "insights/admin/signals.html",
        {
            "page_title": _("Signals"),
            "cards": [_signal_card(series) for series in signal_history(week)],
            "signals": signals_of_week,
            "themes": themes,
            "show_teams": team_breakdowns_on(),
            "week": week,
            "week_end": week + timedelta(days=6),
            "floor": selectors.floor(),
        },
    )
