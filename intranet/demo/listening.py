"""The demo's listening loop: who used Ruche each day, pulse surveys answered by enough people
in each team, the four built-in objectives with twelve weeks of KPI history, the weekly
signals counted over the demo's writing and searches, and an action plan that closed the
loop on the "you said, we did" page.

Nothing here weakens a privacy rule: every figure comes out of insights' own computations
(`snapshot_kpis`, `count_week`, `record_signals_report`) over answers and activity generated
for enough different people.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from insights.actions.models import Action, ActionStatus, ActionUpdate
from insights.actions.services import Source, action_open, action_record_progress
from insights.detection import SIGNAL_HISTORY_WEEKS
from insights.models import ActivityDay, SignalReport, WeeklyTermCount
from insights.objective_templates import objective_templates
from insights.privacy import min_people, team_breakdowns_on
from insights.pulse.models import (
    Answer,
    Participation,
    PulseQuestion,
    PulseRound,
    QuestionKind,
    Response,
)
from insights.pulse.periods import closing, first_monday_of_month
from insights.pulse.selectors import audience_user_ids
from insights.pulse.services import pulse_survey_create_from_template
from insights.pulse.survey_templates import ENPS, INFORMATION
from insights.selectors import last_complete_week, monday_of
from insights.services import snapshot_kpis, turn_on_objective_template
from insights.signals_counts import ensure_counted
from insights.tasks import record_signals_report
from intranet.demo.activity_cast import COMMUNICATOR, MANAGER, Cast, mark_part_done, part_done
from intranet.demo.calendar import WEEKS_OF_LIFE, DemoCalendar
from intranet.demo.search_logs import MUTUELLE_ANSWERED_WEEKS_AGO
from people.models import Team
from search.models import SearchQueryLog
from search.services import normalize_query

PART = "listening"
ACTIVE_SHARE = 0.85  # of the people who use Ruche in a given week
PULSE_ANSWER_SHARE = 0.8
SIGNAL_REPORT_WEEKS = 4
# By team, the last complete week and this one: the daily `snapshot_kpis` job (beat, or the
# embedded scheduler of `make run`) extends them to the four weeks it keeps recomputing.
TEAM_HISTORY_WEEKS = 2
ENPS_REASONS = (
    "Une bonne ambiance dans l'équipe et des projets intéressants.",
    "Le télétravail est bien organisé.",
    "On manque parfois d'information sur les décisions.",
    "Des outils qui pourraient être plus simples.",
)


def add_demo_listening(calendar: DemoCalendar, cast: Cast) -> list[str]:
    """Generate the listening part (once: a second run adds nothing) and compute its figures."""
    if part_done(PART) or not cast.people:
        return []
    dice = calendar.for_part(PART)
    with transaction.atomic():
        days = _activity_days(dice, cast)
        answers = _pulse(dice, cast)
        objectives = [
            turn_on_objective_template(
                template.code, today=dice.today - timedelta(weeks=WEEKS_OF_LIFE)
            )[0]
            for template in objective_templates()
        ]
        weeks = _weeks(dice.today)
        _recount_signal_weeks(dice.today)
        reports = _signal_reports(dice.today)
        actions = _actions(dice, cast)
        snapshots = _kpi_history(weeks)
        mark_part_done(PART, objectives[0])
    return [
        f"{days} days of activity, {answers} pulse answers",
        f"{len(objectives)} objectives with {snapshots} KPI snapshots over {len(weeks)} weeks",
        f"{reports} weekly signal reports, {actions} actions (one closed: you said, we did)",
    ]


def _weeks(today: date) -> list[date]:
    """The Mondays of the demo's twelve weeks and of this one, oldest first."""
    current = monday_of(today)
    return [current - timedelta(weeks=n) for n in range(WEEKS_OF_LIFE, -1, -1)]


def _kpi_history(weeks: list[date]) -> int:
    """KPI snapshots of the twelve weeks: for the organisation over all of them, and by team
    over the last TEAM_HISTORY_WEEKS, so that the load stays short in a large organisation
    (each team costs a query or two per KPI and week); `manage.py snapshot_kpis --weeks 12`
    fills the teams' older weeks when wanted. Returns the number of snapshots written."""
    recent = weeks[-TEAM_HISTORY_WEEKS:]
    with override_settings(INSIGHTS_TEAM_BREAKDOWNS=False):  # the organisation only
        written = snapshot_kpis(weeks=weeks[:-TEAM_HISTORY_WEEKS])
    return written + snapshot_kpis(weeks=recent)


def _recount_signal_weeks(today: date) -> None:
    """Count the weeks the signals page reads (its eight weeks of history and their
    baseline) over the demo's writing and searches, dropping any count made before them."""
    last = last_complete_week(today)
    span = SIGNAL_HISTORY_WEEKS - 1 + settings.INSIGHTS_BASELINE_WEEKS
    weeks = [last - timedelta(weeks=n) for n in range(span, -1, -1)]
    WeeklyTermCount.objects.filter(week_start__in=weeks).delete()
    ensure_counted(weeks)


def _activity_days(dice: DemoCalendar, cast: Cast) -> int:
    """Most people use Ruche two to five weekdays a week; the role accounts every weekday."""
    rows = []
    for monday in _weeks(dice.today):
        for person in cast.people:
            if person.username in cast.roles:
                days = list(range(5))
            elif dice.rng.random() < ACTIVE_SHARE:
                days = dice.rng.sample(range(5), dice.rng.randint(2, 5))
            else:
                continue
            rows += [
                ActivityDay(user_id=person.pk, day=monday + timedelta(days=n))
                for n in days
                if monday + timedelta(days=n) <= dice.today
            ]
    ActivityDay.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def _pulse(dice: DemoCalendar, cast: Cast) -> int:
    """Two monthly surveys (the eNPS, finding information), each with its rounds of the last
    twelve weeks answered by most of each team: at least the floor of people in every team
    that has that many, so that results by team show."""
    answered = 0
    for template in (ENPS, INFORMATION):
        survey = pulse_survey_create_from_template(template=template)
        survey.active = True
        survey.starts_on = dice.today - timedelta(weeks=WEEKS_OF_LIFE)
        survey.save(update_fields=["active", "starts_on"])
        questions = list(PulseQuestion.objects.filter(survey=survey).order_by("sort_order"))
        invited = len(audience_user_ids(survey))
        for opens_on in _round_openings(dice.today):
            pulse_round = PulseRound.objects.create(
                survey=survey,
                opens_on=opens_on,
                closes_on=closing(recurrence=survey.recurrence, opens_on=opens_on),
                invited=invited,
            )
            respondents = _respondents(dice, cast)
            if pulse_round.closes_on > dice.today:
                # A round still open waits for the role accounts: signing in shows it.
                respondents = [
                    person for person in respondents if person.username not in cast.roles
                ]
            answered += _answer_round(pulse_round, questions, respondents, dice, cast)
    return answered


def _answer_round(
    pulse_round: PulseRound,
    questions: list[PulseQuestion],
    respondents: list[User],
    dice: DemoCalendar,
    cast: Cast,
) -> int:
    """Record the respondents' answers as `pulse_answer_record` does (who answered apart from
    what was answered; the team only while breakdowns are on; answers in a shuffled order),
    in three inserts for the round rather than five queries a person: one writer, one
    transaction, nobody answering twice."""
    with_team = team_breakdowns_on()
    responses = [
        Response(round=pulse_round, team_id=cast.team_of.get(person.pk) if with_team else None)
        for person in respondents
    ]
    answers = [
        Answer(
            response=response,
            question=question,
            value=value if isinstance(value, int) else None,
            text=value if isinstance(value, str) else "",
        )
        for response in responses
        for question in questions
        if (value := _answer(dice, question)) != ""
    ]
    dice.rng.shuffle(responses)
    dice.rng.shuffle(answers)
    Participation.objects.bulk_create(
        [Participation(round=pulse_round, user=person) for person in respondents],
        batch_size=500,
    )
    Response.objects.bulk_create(responses, batch_size=500)
    Answer.objects.bulk_create(answers, batch_size=500)
    return len(responses)


def _round_openings(today: date) -> list[date]:
    """The first Mondays of the months of the last twelve weeks, up to today."""
    oldest = today - timedelta(weeks=WEEKS_OF_LIFE)
    month = oldest.replace(day=1)
    openings = []
    while month <= today:
        opening = first_monday_of_month(month)
        if oldest <= opening <= today:
            openings.append(opening)
        month = (month + timedelta(days=32)).replace(day=1)
    return openings


def _respondents(dice: DemoCalendar, cast: Cast) -> list[User]:
    by_team: dict[int | None, list[User]] = defaultdict(list)
    for person in cast.people:
        by_team[cast.team_of.get(person.pk)].append(person)
    chosen = []
    for members in by_team.values():
        wanted = round(PULSE_ANSWER_SHARE * len(members))
        if len(members) >= min_people():
            wanted = max(wanted, min_people())
        chosen += dice.rng.sample(members, min(wanted, len(members)))
    return chosen


def _answer(dice: DemoCalendar, question: PulseQuestion) -> int | str:
    if question.kind == QuestionKind.SCALE_10:
        return dice.rng.choices(range(11), weights=(1, 1, 1, 2, 3, 5, 7, 12, 14, 9, 6))[0]
    if question.kind == QuestionKind.SCALE_5:
        return dice.rng.choices(range(1, 6), weights=(1, 3, 5, 8, 4))[0]
    if question.kind == QuestionKind.CHOICE:
        return dice.rng.choices(
            range(len(question.options)), weights=(6, 3, 4, 2, 1)[: len(question.options)]
        )[0]
    return dice.rng.choice(ENPS_REASONS) if dice.rng.random() < 0.4 else ""


def _signal_reports(today: date) -> int:
    """The weekly signals reports of the last weeks, as the beat job would have recorded
    them (their emails are not sent: the demo loads with tasks held back)."""
    last = last_complete_week(today)
    recorded = 0
    for weeks_back in range(SIGNAL_REPORT_WEEKS - 1, -1, -1):
        week = last - timedelta(weeks=weeks_back)
        if not SignalReport.objects.filter(week_start=week).exists():
            recorded += record_signals_report(week=week) is not None
    return recorded


def _actions(dice: DemoCalendar, cast: Cast) -> int:
    """The loop closed: an action born of the searches for "mutuelle" that found nothing,
    done with its outcome and public; one in progress from the pulse; one just opened."""
    communicator = cast.role(COMMUNICATOR)
    hr = _someone_in(cast, "ressources") or communicator
    mutuelle_week = monday_of(dice.today) - timedelta(weeks=MUTUELLE_ANSWERED_WEEKS_AGO + 2)
    searchers = _zero_result_searchers("mutuelle", mutuelle_week)
    created = 0
    if searchers >= min_people():
        action = action_open(
            opener=communicator,
            title="Une page claire sur la mutuelle et la prévoyance",
            source=Source(
                kind="zero_results",
                key="mutuelle",
                label="mutuelle",
                week=mutuelle_week,
                people=searchers,
            ),
            owner=hr,
            due_on=mutuelle_week + timedelta(weeks=3),
            description="Beaucoup d'entre vous cherchaient « mutuelle » sans rien trouver.",
            public=True,
        )
        started = action_record_progress(
            action=action,
            author=hr,
            status=ActionStatus.IN_PROGRESS,
            note="Les RH rédigent la page avec le courtier ; relecture par le CSE.",
        )
        done = action_record_progress(
            action=action,
            author=hr,
            status=ActionStatus.DONE,
            outcome=(
                "La page « Mutuelle et prévoyance » est en ligne : garanties, démarches, contacts. "
                "Les recherches « mutuelle » la trouvent désormais en premier résultat."
            ),
        )
        opened_at = timezone.make_aware(
            datetime.combine(mutuelle_week + timedelta(days=8), time.min)
        ) + timedelta(hours=10)
        closed_at = opened_at + timedelta(days=13)
        Action.objects.filter(pk=action.pk).update(created_at=opened_at, closed_at=closed_at)
        ActionUpdate.objects.filter(pk=started.pk).update(created_at=opened_at + timedelta(days=2))
        ActionUpdate.objects.filter(pk=done.pk).update(created_at=closed_at)
        created += 1
    last = last_complete_week(dice.today)
    respondents = sum(
        round_.responses.count()
        for round_ in PulseRound.objects.filter(survey__title=str(INFORMATION.title))
    )
    if respondents >= min_people():
        action = action_open(
            opener=communicator,
            title="Un annuaire des pages utiles par service",
            source=Source(
                kind="survey",
                key="information",
                label=str(INFORMATION.title),
                week=last,
                people=respondents,
            ),
            owner=cast.role(MANAGER),
            due_on=dice.today + timedelta(weeks=4),
            public=True,
        )
        action_record_progress(
            action=action,
            author=cast.role(MANAGER),
            status=ActionStatus.IN_PROGRESS,
            note="Chaque service a nommé un référent ; première version prévue le mois prochain.",
        )
        created += 1
    return created


def _someone_in(cast: Cast, team_word: str):
    team_ids = set(Team.objects.filter(name__icontains=team_word).values_list("pk", flat=True))
    return next((person for person in cast.people if cast.team_of.get(person.pk) in team_ids), None)


def _zero_result_searchers(query: str, week: date) -> int:
    """Distinct people whose search for `query` found nothing in the four weeks to `week`."""
    start = timezone.make_aware(datetime.combine(week - timedelta(weeks=3), time.min))
    end = timezone.make_aware(datetime.combine(week + timedelta(weeks=1), time.min))
    return (
        SearchQueryLog.objects.filter(
            normalized_query=normalize_query(query),
            result_count=0,
            created_at__gte=start,
            created_at__lt=end,
        )
        .values("searcher")
        .distinct()
        .count()
    )
