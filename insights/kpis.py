"""The built-in KPIs: each is computed from the other apps' selectors for a period and a group.

A KPI's value is withheld (None) when it is drawn from fewer than INSIGHTS_MIN_PEOPLE
distinct people, so that no figure ever describes one or two identifiable colleagues.
Definitions are in insights/README.md.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideas.selectors.insights import challenges_open_between, idea_contributor_ids, ideas_submitted
from insights.models import ActivityDay, KPICode
from news.selectors.insights import (
    must_read_coverage,
    must_reads_published,
    news_contributor_ids,
    question_answers,
)
from people.selectors import kudos_flows
from search.selectors import search_outcomes, searcher_keys

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ANSWER_DELAY = timedelta(days=14)


@dataclass(frozen=True)
class Group:
    """Whose activity a KPI measures: `members` maps active people's user ids to their team.

    `restricted` is False for the whole organisation (queries then need no list of ids).
    """

    members: dict[int, int | None]
    restricted: bool

    @property
    def user_ids(self) -> set[int] | None:
        return set(self.members) if self.restricted else None


@dataclass(frozen=True)
class Measure:
    value: float | None
    people: int


@dataclass(frozen=True)
class KPI:
    code: KPICode
    unit: str
    higher_is_better: bool
    compute: Callable[[datetime, datetime, Group], Measure]

    @property
    def label(self) -> StrOrPromise:
        return self.code.label


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


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


def contributor_ids(start: datetime, end: datetime, user_ids=None) -> set[int]:
    """People who submitted an idea, voted, commented, asked leadership or gave kudos."""
    found = idea_contributor_ids(start=start, end=end, user_ids=user_ids)
    found |= news_contributor_ids(start=start, end=end, user_ids=user_ids)
    found |= {sender for sender, _to in kudos_flows(start=start, end=end, user_ids=user_ids)}
    return found


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


def _answered_in_time(idea: dict) -> bool:
    answered = idea["first_answer_at"]
    return answered is not None and answered - idea["created_at"] <= ANSWER_DELAY


def answered_within_14_days(start: datetime, end: datetime, group: Group) -> Measure:
    now = timezone.now()
    due = [
        idea
        for idea in _ideas(start, end, group)
        if idea["created_at"] + ANSWER_DELAY <= now or _answered_in_time(idea)
    ]
    answered = sum(1 for idea in due if _answered_in_time(idea))
    return Measure(_share(answered, len(due)), len({idea["author_id"] for idea in due}))


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


KPIS: dict[str, KPI] = {
    kpi.code: kpi
    for kpi in [
        KPI(KPICode.SEARCH_SUCCESS, "%", True, search_success_rate),
        KPI(KPICode.ZERO_RESULTS, "%", False, zero_result_rate),
        KPI(KPICode.WEEKLY_ACTIVE, "people", True, weekly_active_users),
        KPI(KPICode.CONTRIBUTORS, "%", True, contributors_share),
        KPI(KPICode.IDEAS_PER_CHALLENGE, "ideas", True, ideas_per_challenge),
        KPI(KPICode.ANSWERED_14D, "%", True, answered_within_14_days),
        KPI(KPICode.FIRST_ANSWER_DAYS, "days", False, median_first_answer_days),
        KPI(KPICode.MUST_READ_ACK, "%", True, must_read_acknowledgement_rate),
        KPI(KPICode.LEADERSHIP_ANSWERED, "%", True, leadership_answer_share),
    ]
}

UNIT_LABELS = {"%": "%", "days": _("days"), "people": _("people"), "ideas": _("ideas")}


def min_people() -> int:
    return settings.INSIGHTS_MIN_PEOPLE


def measure(code: str, start: datetime, end: datetime, group: Group) -> Measure:
    """The KPI for this period and group, withheld below the people floor."""
    result = KPIS[code].compute(start, end, group)
    if result.people < min_people():
        return Measure(None, result.people)
    return result
