"""The built-in KPIs, registered in `insights.kpis_registry`, and `measure()` over them.

Each is computed from the other apps' selectors for a period and a group. A KPI's value is
withheld (None) when it is drawn from fewer than the floor of distinct people
(`insights.privacy.min_people`), so that no figure ever describes one or two identifiable
colleagues. Definitions are in insights/README.md; the KPIs of the four objectives
(information sharing, culture, co-creativity, frustrations) are in `insights.kpis_*`.
"""

from __future__ import annotations

import statistics
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideas.selectors.insights import challenges_open_between, ideas_submitted
from insights import kpis_cocreation, kpis_culture, kpis_frustrations, kpis_information
from insights.kpis_culture import contributor_ids
from insights.kpis_registry import (
    KPI,
    UNIT_LABELS,
    Group,
    Measure,
    get_kpi,
    register_kpi,
    registered_kpis,
)
from insights.kpis_registry import share as _share
from insights.models import ActivityDay
from insights.privacy import min_people
from news.selectors.insights import (
    must_read_coverage,
    must_reads_published,
    question_answers,
)
from search.selectors import search_outcomes, searcher_keys

__all__ = [
    "KPI",
    "UNIT_LABELS",
    "Group",
    "Measure",
    "active_user_ids",
    "contributor_ids",
    "measure",
    "register_kpi",
    "registered_kpis",
]

ANSWER_DELAY = timedelta(days=14)


def _search(start: datetime, end: datetime, group: Group) -> dict[str, int]:
    keys = None if group.user_ids is None else list(searcher_keys(group.user_ids).values())
    return search_outcomes(start=start, end=end, searchers=keys)


def search_success_rate(start: datetime, end: datetime, group: Group) -> Measure:
    outcome = _search(start, end, group)
    return Measure(_share(outcome["clicked"], outcome["searches"]), outcome["searchers"])


def zero_result_rate(start: datetime, end: datetime, group: Group) -> Measure:
    outcome = _search(start, end, group)
    return Measure(_share(outcome["zero"], outcome["searches"]), outcome["searchers"])


def active_user_ids(*, start: datetime, end: datetime) -> set[int]:
    """People who used Ruche on a day that [start, end) touches (activity is kept by day)."""
    days = ActivityDay.objects.filter(
        day__gte=timezone.localdate(start),
        day__lte=timezone.localdate(end - timedelta(microseconds=1)),
    )
    return set(days.values_list("user_id", flat=True).distinct())


def weekly_active_users(start: datetime, end: datetime, group: Group) -> Measure:
    active = active_user_ids(start=start, end=end) & set(group.members)
    return Measure(float(len(active)), len(group.members))


def contributors_share(start: datetime, end: datetime, group: Group) -> Measure:
    contributors = contributor_ids(start, end, group.user_ids) & set(group.members)
    return Measure(_share(len(contributors), len(group.members)), len(group.members))


def _ideas(start: datetime, end: datetime, group: Group) -> list[dict]:
    return ideas_submitted(start=start, end=end, author_ids=group.user_ids)


def ideas_per_challenge(start: datetime, end: datetime, group: Group) -> Measure:
    ideas = _ideas(start, end, group)
    challenges = challenges_open_between(start=start, end=end)
    value = round(len(ideas) / challenges, 2) if challenges else None
    return Measure(value, len({idea["author_id"] for idea in ideas}))


def median_first_answer_days(start: datetime, end: datetime, group: Group) -> Measure:
    answered = [idea for idea in _ideas(start, end, group) if idea["first_answer_at"]]
    delays = [(i["first_answer_at"] - i["created_at"]).total_seconds() / 86400 for i in answered]
    value = round(statistics.median(delays), 1) if delays else None
    return Measure(value, len({idea["author_id"] for idea in answered}))


def must_read_acknowledgement_rate(start: datetime, end: datetime, group: Group) -> Measure:
    rows = must_read_coverage(must_reads_published(start=start, end=end), group.user_ids)
    addressed = sum(len(row["addressed"]) for row in rows)
    acknowledged = sum(len(row["acknowledged"]) for row in rows)
    people = set().union(*(row["addressed"] for row in rows)) if rows else set()
    return Measure(_share(acknowledged, addressed), len(people))


def leadership_answer_share(start: datetime, end: datetime, group: Group) -> Measure:
    counts = question_answers(start=start, end=end, user_ids=group.user_ids)
    return Measure(_share(counts["answered"], counts["asked"]), counts["askers"])


# The built-in KPIs, in the order of the dashboards and of the KPI choices:
# (code, label, unit, compute, higher is better, by team).
BUILT_IN = [
    ("search_success", _("Search success rate"), "%", search_success_rate, True, True),
    (
        "search_first_try",
        _("Searches that succeeded without reformulation"),
        "%",
        kpis_information.first_try_search_rate,
        True,
        True,
    ),
    ("zero_results", _("Zero-result rate"), "%", zero_result_rate, False, True),
    (
        "first_click_seconds",
        _("Median time to the first click"),
        "seconds",
        kpis_information.median_seconds_to_first_click,
        False,
        True,
    ),
    ("weekly_active", _("Weekly active users"), "people", weekly_active_users, True, True),
    ("contributors", _("Share of employees who contributed"), "%", contributors_share, True, True),
    (
        "participation_breadth",
        _("Share of teams taking part"),
        "%",
        kpis_culture.participation_breadth,
        True,
        True,
    ),
    (
        "kudos_across_teams",
        _("Kudos given across teams"),
        "%",
        kpis_culture.kudos_across_teams,
        True,
        True,
    ),
    ("values_recognised", _("Values recognised"), "%", kpis_culture.values_recognised, True, True),
    ("ideas_per_challenge", _("Ideas per challenge"), "ideas", ideas_per_challenge, True, True),
    (
        "ideas_per_100",
        _("Ideas per 100 employees"),
        "ideas",
        kpis_cocreation.ideas_per_100_employees,
        True,
        True,
    ),
    (
        "answered_14d",
        _("Ideas answered within 14 days"),
        "%",
        kpis_cocreation.answered_within(ANSWER_DELAY),
        True,
        True,
    ),
    (
        "answered_30d",
        _("Ideas answered within 30 days"),
        "%",
        kpis_cocreation.answered_within(kpis_cocreation.ANSWER_DELAY_30D),
        True,
        True,
    ),
    (
        "first_answer_days",
        _("Median time to the first owner answer"),
        "days",
        median_first_answer_days,
        False,
        True,
    ),
    (
        "implemented_share",
        _("Share of decided ideas implemented"),
        "%",
        kpis_cocreation.implemented_share,
        True,
        True,
    ),
    (
        "event_attendance",
        _("Attendance at workshops and events"),
        "%",
        kpis_cocreation.event_attendance,
        True,
        True,
    ),
    (
        "must_read_ack",
        _("Must-read acknowledgement rate"),
        "%",
        must_read_acknowledgement_rate,
        True,
        True,
    ),
    (
        "leadership_answered",
        _("Leadership questions answered"),
        "%",
        leadership_answer_share,
        True,
        True,
    ),
    (
        "signals_raised",
        _("Signals raised"),
        "signals",
        kpis_frustrations.signals_raised,
        False,
        False,
    ),
]
for code, label, unit, compute, higher_is_better, by_team in BUILT_IN:
    register_kpi(
        code,
        label=label,
        unit=unit,
        compute=compute,
        higher_is_better=higher_is_better,
        by_team=by_team,
    )
del code, label, unit, compute, higher_is_better, by_team


def measure(code: str, start: datetime, end: datetime, group: Group) -> Measure:
    """The KPI for this period and group, withheld below the people floor.

    An unknown code (a KPI whose app was removed) measures nothing.
    """
    kpi = get_kpi(code)
    if kpi is None or (group.restricted and not kpi.by_team):
        return Measure(None, 0)
    result = kpi.compute(start, end, group)
    if result.people < min_people():
        return Measure(None, result.people)
    return result
