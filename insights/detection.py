"""Weekly signals: themes (emerging, strong, fading), recurring zero-result searches,
frustration.

Themes are read from the incremental weekly term counts (insights.signals_counts), never from
the texts themselves; how a theme is grouped and told emerging, strong or fading is in
insights.themes. Nothing here names anyone or quotes anyone: every signal is a count of
distinct people, and a signal drawn from fewer than the floor of people (insights.privacy)
is dropped. People are counted by their search pseudonym, so one person writing an idea and
searching counts once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.selectors.insights import idea_texts
from insights.frustration import is_frustrated
from insights.models import FrustrationExpression
from insights.privacy import frustration_analysis_on, team_breakdowns_on
from insights.selectors import floor, last_complete_week, monday_of, week_bounds
from insights.signals_counts import ensure_counted
from insights.signals_text import fold
from insights.signals_trends import themes_of_week
from news.selectors.insights import news_texts
from people.models import Team
from people.selectors import active_member_teams
from search.selectors import searcher_keys, zero_result_queries

__all__ = ["fold", "frustration", "signal_history", "weekly_signals"]


@dataclass
class Utterance:
    person: str
    week: date
    text: str
    topics: list[str]
    team_id: int | None
    searched: bool


def gather(start: date, end: date) -> list[Utterance]:
    """What people wrote in the weeks from `start` to before `end` (for frustration)."""
    since, until = week_bounds(start)[0], week_bounds(end)[0]
    written = idea_texts(start=since, end=until) + news_texts(start=since, end=until)
    keys = searcher_keys({row["author_id"] for row in written})
    teams = active_member_teams()
    labels = {"news": _("News comments"), "leadership": _("Questions to leadership")}
    return [
        Utterance(
            person=keys[row["author_id"]],
            week=monday_of(timezone.localdate(row["created_at"])),
            text=fold(row["text"]),
            topics=[f"#{tag}" for tag in row["tags"]] or [labels.get(row["topic"], row["topic"])],
            team_id=None if row["anonymous"] else teams.get(row["author_id"]),
            searched=False,
        )
        for row in written
    ]


def counted_window(week: date, weeks: int = 1) -> list[date]:
    """The weeks whose counts the themes of the `weeks` weeks ending with `week` read (their
    baselines included), counted now if they never were. An unfinished week is never stored."""
    oldest = week - timedelta(weeks=weeks - 1 + settings.INSIGHTS_BASELINE_WEEKS)
    current = last_complete_week()
    window = [oldest + timedelta(weeks=n) for n in range((week - oldest).days // 7 + 1)]
    ensure_counted(w for w in window if w <= current)
    return window


def recurring_zero_results(week: date) -> list[dict]:
    """Queries that found nothing in two or more of the last four weeks, for the floor of people."""
    start = week_bounds(week - timedelta(weeks=3))[0]
    rows = zero_result_queries(start=start, end=week_bounds(week)[1], min_searchers=floor())
    return [row for row in rows if row["weeks"] >= 2][: settings.INSIGHTS_MAX_SIGNALS]


def _lexicon() -> tuple[tuple[str, str], ...]:
    """The organisation's own expressions (the snippet), read with the scorer's negation."""
    rows = FrustrationExpression.objects.order_by("pk").values_list("language", "expression")
    return tuple(rows)


def frustration(week: date, utterances: list[Utterance]) -> dict:
    """People whose writing this week expresses frustration (insights.frustration, with the
    organisation's lexicon as extra expressions), by topic and team.

    Nothing is read when frustration analysis is off (insights.privacy: then "off" is set),
    and no team is listed when team breakdowns are. Searches are not read. A topic or team
    is listed only with at least the floor of distinct people; the total likewise (None
    below it).
    """
    if not frustration_analysis_on():
        return {"people": None, "topics": [], "teams": [], "off": True}
    lexicon, by_team_on = _lexicon(), team_breakdowns_on()
    by_topic: dict[str, set[str]] = defaultdict(set)
    by_team: dict[int, set[str]] = defaultdict(set)
    everyone: set[str] = set()
    for utterance in utterances:
        if utterance.week != week or utterance.searched:
            continue
        if not is_frustrated(utterance.text, extra=lexicon):
            continue
        everyone.add(utterance.person)
        for topic in utterance.topics:
            by_topic[topic].add(utterance.person)
        if utterance.team_id is not None and by_team_on:
            by_team[utterance.team_id].add(utterance.person)
    names = dict(Team.objects.filter(pk__in=list(by_team)).values_list("pk", "name"))
    return {
        "people": len(everyone) if len(everyone) >= floor() else None,
        "topics": sorted(
            ((topic, len(p)) for topic, p in by_topic.items() if len(p) >= floor()),
            key=lambda row: (-row[1], row[0]),
        ),
        "teams": sorted(
            ((names[team], len(p)) for team, p in by_team.items() if len(p) >= floor()),
            key=lambda row: (-row[1], row[0]),
        ),
    }


def weekly_signals(week: date) -> dict:
    """All the signals of the week starting on Monday `week`, as plain data (JSON-ready)."""
    counted_window(week)
    return {
        "week": week.isoformat(),
        "themes": themes_of_week(week),
        "zero_results": recurring_zero_results(week),
        "frustration": frustration(week, gather(week, week + timedelta(weeks=1))),
    }


SIGNAL_HISTORY_WEEKS = 8


@dataclass(frozen=True)
class SignalSeries:
    """One signal week by week, oldest first: a count per week (None: withheld, drawn from
    fewer than the floor of people), and whether more is good news (None: neither)."""

    code: str
    label: str
    weeks: list[date]
    values: list[int | None]
    higher_is_better: bool | None = False

    @property
    def latest(self) -> int | None:
        return self.values[-1] if self.values else None

    @property
    def previous(self) -> int | None:
        return self.values[-2] if len(self.values) > 1 else None


def signal_history(week: date, weeks: int = SIGNAL_HISTORY_WEEKS) -> list[SignalSeries]:
    """The signals of the `weeks` weeks ending with Monday `week`, for the dashboard: how many
    themes were emerging, how many searches kept finding nothing, how many people wrote their
    frustration. Counts are read from the weekly term counts; writings once for all the weeks; every
    figure keeps the floor: a theme, a query or a total of fewer than `floor()` people counts
    for nothing, and the frustration total below it is withheld."""
    mondays = [week - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    counted_window(week, weeks)
    utterances = gather(mondays[0], week + timedelta(weeks=1))
    emerging: list[int | None] = []
    zero: list[int | None] = []
    frustrated: list[int | None] = []
    for monday in mondays:
        themes = themes_of_week(monday, with_teams=False)
        emerging.append(sum(1 for theme in themes if theme["kind"] == "emerging"))
        zero.append(len(recurring_zero_results(monday)))
        frustrated.append(frustration(monday, utterances)["people"])
    series = [
        SignalSeries("emerging", _("Emerging topics"), mondays, emerging, higher_is_better=None),
        SignalSeries("zero_results", _("Recurring searches with no result"), mondays, zero),
        SignalSeries("frustration", _("People expressing frustration"), mondays, frustrated),
    ]
    return series if frustration_analysis_on() else series[:2]
