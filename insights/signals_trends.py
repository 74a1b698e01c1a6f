"""The themes of a week, read from the stored weekly term counts (insights.signals_counts).

A bounded number of queries whatever the amount of data: the candidate terms (from the floor
of people in a recent week), their counts over the baseline, their links, their teams.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q

from insights.models import WeeklyTermCount, WeeklyTermLink
from insights.privacy import min_people, team_breakdowns_on
from insights.signals_counts import EVERYONE
from insights.themes import (
    KINDS,
    SUSTAINED_WEEKS,
    Theme,
    Trend,
    association,
    classify,
    group_into_themes,
    is_collocation,
)

# Terms listed under a theme's label, at most.
SHOWN_TERMS = 6


def _window(week: date) -> list[date]:
    baseline = settings.INSIGHTS_BASELINE_WEEKS
    return [week - timedelta(weeks=back) for back in range(baseline, -1, -1)]


def _series(week: date, floor: int) -> tuple[list[date], dict[str, list[int]], list[int]]:
    """Week by week people of each term that reached the floor in one of the recent weeks,
    and how many people wrote anything each week."""
    weeks = _window(week)
    recent = weeks[-SUSTAINED_WEEKS:]
    candidates = (
        WeeklyTermCount.objects.filter(week_start__in=recent, team__isnull=True, people__gte=floor)
        .exclude(term=EVERYONE)
        .values("term")
    )
    index = {monday: n for n, monday in enumerate(weeks)}
    series: dict[str, list[int]] = defaultdict(lambda: [0] * len(weeks))
    writers = [0] * len(weeks)
    rows = WeeklyTermCount.objects.filter(
        Q(term__in=candidates) | Q(term=EVERYONE), week_start__in=weeks, team__isnull=True
    ).values_list("term", "week_start", "people")
    for term, monday, people in rows.iterator(chunk_size=5000):
        if term == EVERYONE:
            writers[index[monday]] = people
        else:
            series[term][index[monday]] = people
    return weeks, dict(series), writers


def _links(weeks: list[date], terms: set[str], series: dict[str, list[int]]) -> dict:
    """Association of each linked pair of these terms, the best of the recent weeks."""
    recent = weeks[-SUSTAINED_WEEKS:]
    index = {monday: n for n, monday in enumerate(weeks)}
    links: dict[tuple[str, str], float] = {}
    rows = WeeklyTermLink.objects.filter(
        week_start__in=recent, term__in=list(terms), other__in=list(terms)
    ).values_list("term", "other", "week_start", "people")
    for term, other, monday, people in rows.iterator(chunk_size=5000):
        n = index[monday]
        strength = association(people, series[term][n], series[other][n])
        links[(term, other)] = max(strength, links.get((term, other), 0.0))
    return links


def _team_rows(week: date, terms: list[str], floor: int) -> dict[str, list[tuple[str, int]]]:
    """The teams behind each of these terms this week, each from the floor (one query)."""
    rows: dict[str, list[tuple[str, int]]] = defaultdict(list)
    found = (
        WeeklyTermCount.objects.filter(
            week_start=week, term__in=terms, team__isnull=False, people__gte=floor
        )
        .order_by("-people", "team__name")
        .values_list("term", "team__name", "people")
    )
    for term, name, people in found:
        rows[term].append((name, people))
    return rows


def _suppressed(rows: list[tuple[str, int]], total: int, floor: int) -> list[tuple[str, int]]:
    """Never leave a remainder (total minus the shown teams) of fewer than the floor: the
    smallest shown team is withheld until the rest is none or the floor (complementary
    suppression, as insights.disclosure does over the team tree)."""
    rows = list(rows)
    while rows and 0 < total - sum(people for _name, people in rows) < floor:
        rows.pop()
    return rows


def _shown(value: int, floor: int) -> int | None:
    return value if value >= floor else None


def _as_row(
    theme: Theme,
    weeks: list[date],
    series: dict[str, list[int]],
    floor: int,
    teams: list[tuple[str, int]],
) -> dict[str, Any]:
    label, top = theme.label, theme.top
    weekly = [max(series[term][n] for term in theme.terms) for n in range(len(weeks))]
    return {
        "label": label,
        "kind": theme.kind,
        "people": _shown(top.people, floor),
        "baseline": round(top.baseline, 2),
        "score": round(top.score, 2),
        "terms": [term for term in theme.terms if term != label][:SHOWN_TERMS],
        "weeks": [monday.isoformat() for monday in weeks],
        "series": [_shown(value, floor) for value in weekly],
        "teams": _suppressed(teams, top.people, floor),
    }


def _specific(trends: dict[str, Trend], series: dict[str, list[int]]) -> set[str]:
    """Tags, and key phrases said as phrases (insights.themes.is_collocation) in the week
    they were said most."""
    found = set()
    for term in trends:
        if term.startswith("#"):
            found.add(term)
        elif " " in term:
            values = series[term]
            peak = max(range(len(values)), key=values.__getitem__)
            words = [series.get(word, values)[peak] for word in term.split()]
            if is_collocation(values[peak], words):
                found.add(term)
    return found


def themes_of_week(week: date, *, with_teams: bool = True) -> list[dict[str, Any]]:
    """The week's themes, emerging first (by score), then strong (by people), then fading,
    at most INSIGHTS_MAX_SIGNALS of each kind. Each: label, kind, people (this week; None
    under the floor, as a fading theme may be), baseline, score, terms, weeks and series
    (people per week, None under the floor) and teams (only when team breakdowns are on)."""
    floor = min_people()
    weeks, series, writers = _series(week, floor)
    trends: dict[str, Trend] = {}
    for term, values in series.items():
        trend = classify(values, writers, floor)
        if trend is not None:
            trends[term] = trend
    themes = group_into_themes(
        trends, _links(weeks, set(trends), series), _specific(trends, series)
    )
    kept = [
        theme
        for kind in KINDS
        for theme in [theme for theme in themes if theme.kind == kind][
            : settings.INSIGHTS_MAX_SIGNALS
        ]
    ]
    teams: dict[str, list[tuple[str, int]]] = {}
    if with_teams and team_breakdowns_on() and kept:
        teams = _team_rows(weeks[-1], [theme.terms[0] for theme in kept], floor)
    return [_as_row(theme, weeks, series, floor, teams.get(theme.terms[0], [])) for theme in kept]
