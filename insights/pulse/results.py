"""A survey's results: per round and question, only above the floor (insights/privacy.py).

- A round's figures are shown only when at least `min_people()` people answered it; so is
  its response rate. Scale and choice questions are required, so every figure of a round
  is drawn from all its respondents.
- Team rows only while `team_breakdowns_on()`, and only the teams `insights.disclosure`
  keeps: each has at least the floor of respondents, and no subtraction between shown rows
  (the organisation's row included) isolates fewer people than the floor.
- Free text is never counted by team; it is quoted only when at least `quote_min_people()`
  people wrote one in the round, then in a random order (never the order answers came in).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

from core.charts import LineChart, line_chart
from insights.disclosure import disclose, subtree
from insights.privacy import min_people, quote_min_people, team_breakdowns_on
from insights.pulse.models import (
    Answer,
    PulseQuestion,
    PulseRound,
    PulseSurvey,
    QuestionKind,
    Response,
)
from insights.pulse.selectors import survey_questions
from people.models import Team

PROMOTERS, DETRACTORS = range(9, 11), range(0, 7)


@dataclass
class Bar:
    label: str
    count: int
    percent: int


@dataclass
class QuestionFigures:
    question: PulseQuestion
    respondents: int
    mean: float | None = None
    enps: int | None = None
    promoters: int | None = None  # percent
    detractors: int | None = None  # percent
    bars: list[Bar] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    quotes_withheld: bool = False


@dataclass
class GroupFigures:
    """The figures of the organisation (team None) or of a team and its sub-teams."""

    team: Team | None
    respondents: int
    questions: list[QuestionFigures]


@dataclass
class RoundResults:
    round: PulseRound
    respondents: int
    shown: bool
    rate: int | None  # percent of the people asked
    groups: list[GroupFigures]
    breakdowns_on: bool


@dataclass
class Trend:
    question: PulseQuestion
    chart: LineChart
    enps: LineChart | None


def enps(values: list[int]) -> tuple[int, int, int]:
    """(eNPS, % promoters, % detractors): promoters score 9–10, detractors 0–6."""
    promoters = round(100 * sum(v in PROMOTERS for v in values) / len(values))
    detractors = round(100 * sum(v in DETRACTORS for v in values) / len(values))
    return promoters - detractors, promoters, detractors


def _figures(question: PulseQuestion, values: list[int]) -> QuestionFigures:
    figures = QuestionFigures(question=question, respondents=len(values))
    counts = Counter(values)
    labels: list[tuple[int, str]]
    if question.kind == QuestionKind.CHOICE:
        labels = list(enumerate(question.options))
    else:
        labels = [(score, str(score)) for score in question.scale or ()]
        if values:
            figures.mean = round(sum(values) / len(values), 1)
    if question.kind == QuestionKind.SCALE_10 and values:
        figures.enps, figures.promoters, figures.detractors = enps(values)
    figures.bars = [
        Bar(label, counts[key], round(100 * counts[key] / len(values)) if values else 0)
        for key, label in labels
    ]
    return figures


def _team_children() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for team_id, parent_id in Team.objects.values_list("pk", "parent_id"):
        children[parent_id].append(team_id)
    return children


def round_results(pulse_round: PulseRound, *, team_ids: set[int] | None = None) -> RoundResults:
    """The round's results. `team_ids`: the teams whose rows this reader may see (a manager's
    teams), without the organisation's row; None: every row (communicators)."""
    questions = survey_questions(pulse_round.survey_id)
    rows = list(
        Answer.objects.filter(response__round=pulse_round).values_list(
            "question_id", "value", "text", "response_id"
        )
    )
    team_of = dict(Response.objects.filter(round=pulse_round).values_list("pk", "team_id"))
    respondents = len(team_of)
    floor = min_people()
    shown = respondents >= floor
    rate = round(100 * respondents / pulse_round.invited) if shown and pulse_round.invited else None
    results = RoundResults(pulse_round, respondents, shown, rate, [], team_breakdowns_on())
    if not shown:
        return results
    members: dict[int | None, set[object]] = {None: set(team_of)}
    if results.breakdowns_on:
        children = _team_children()
        per_team: Counter[int | None] = Counter(team_of.values())
        sizes: dict[int | None, int] = {None: respondents}
        for team_id in _all_teams(children):
            sizes[team_id] = sum(per_team[t] for t in subtree(children, team_id))
        for shown_id in disclose(children=children, size=sizes, minimum=floor) - {None}:
            inside = subtree(children, shown_id)
            members[shown_id] = {r for r, t in team_of.items() if t in inside}
    if team_ids is None:
        wanted = list(members)
    else:
        wanted = [key for key in members if key is not None and key in team_ids]
    teams = Team.objects.in_bulk([key for key in wanted if key is not None])
    for key in sorted(wanted, key=lambda k: (k is not None, teams[k].name if k else "")):
        group = members[key]
        values = _values(rows, group)
        figures = [
            _figures(question, values[question.pk])
            for question in questions
            if question.kind != QuestionKind.TEXT
        ]
        if key is None:
            figures = _with_quotes(questions, rows, figures)
        results.groups.append(GroupFigures(teams.get(key) if key else None, len(group), figures))
    return results


def _values(rows: list[tuple], group: set[object]) -> dict[int, list[int]]:
    """The scores (or option indexes) of this group's respondents, by question."""
    found: dict[int, list[int]] = defaultdict(list)
    for question_id, value, _text, response_id in rows:
        if value is not None and response_id in group:
            found[question_id].append(value)
    return found


def _all_teams(children: dict[int | None, list[int]]) -> set[int]:
    return {team_id for kids in children.values() for team_id in kids}


def _with_quotes(questions, rows, figures: list[QuestionFigures]) -> list[QuestionFigures]:
    """The organisation's figures, free-text questions in their place with their quotes."""
    by_question = {f.question.pk: f for f in figures}
    ordered = []
    for question in questions:
        if question.kind != QuestionKind.TEXT:
            ordered.append(by_question[question.pk])
            continue
        texts = [t for q, _v, t, _r in rows if q == question.pk and t.strip()]
        text_figures = QuestionFigures(question=question, respondents=len(texts))
        if len(texts) >= quote_min_people():
            random.SystemRandom().shuffle(texts)
            text_figures.quotes = texts
        else:
            text_figures.quotes_withheld = True
        ordered.append(text_figures)
    return ordered


def trends(survey: PulseSurvey) -> list[Trend]:
    """Each scale question's mean (and eNPS for 0–10) round by round, for the organisation,
    a round under the floor left as a gap. Two queries whatever the number of rounds."""
    rounds = list(survey.rounds.order_by("opens_on"))
    if len(rounds) < 2:
        return []
    floor = min_people()
    respondents = dict(survey.rounds.annotate(n=Count("responses")).values_list("pk", "n"))
    stats = {
        (row["response__round_id"], row["question_id"]): row
        for row in Answer.objects.filter(response__round__survey=survey, value__isnull=False)
        .values("response__round_id", "question_id")
        .annotate(
            mean=Avg("value"),
            n=Count("pk"),
            promoters=Count("pk", filter=Q(value__gte=9)),
            detractors=Count("pk", filter=Q(value__lte=6)),
        )
    }
    dates = [r.opens_on for r in rounds]
    found = []
    for question in survey_questions(survey.pk):
        if question.scale is None:
            continue
        means: list[float | None] = []
        scores: list[float | None] = []
        for r in rounds:
            row = stats.get((r.pk, question.pk))
            if row is None or respondents.get(r.pk, 0) < floor:
                means.append(None)
                scores.append(None)
                continue
            means.append(round(float(row["mean"]), 1))
            scores.append(float(round(100 * (row["promoters"] - row["detractors"]) / row["n"])))
        chart = line_chart(dates, [(_("Mean score"), means)])
        score_chart = (
            line_chart(dates, [(_("eNPS"), scores)])
            if question.kind == QuestionKind.SCALE_10
            else None
        )
        found.append(Trend(question, chart, score_chart))
    return found
