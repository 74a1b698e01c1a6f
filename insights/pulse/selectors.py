"""Reads of pulse surveys: who is asked, which rounds someone may answer, who reads results.

The results themselves (figures above the floor, breakdowns, trends) are in `results.py`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils import timezone

from insights.privacy import min_people, quote_min_people
from insights.pulse.models import Participation, PulseQuestion, PulseRound, PulseSurvey
from insights.selectors import is_communicator
from people.models import Profile
from people.selectors import active_member_teams, managed_team_ids, team_ancestor_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import QuerySet


def audience_team_ids(survey: PulseSurvey) -> list[int]:
    """The teams a survey is addressed to (their sub-teams included); empty: everyone."""
    return sorted(team.pk for team in survey.audience.all())


def audience_user_ids(survey: PulseSurvey) -> list[int]:
    """The active employees a survey asks (guests and people who left excluded), by id."""
    team_ids = audience_team_ids(survey)
    return sorted(active_member_teams(team_ids or None))


def is_in_audience(user: User | AnonymousUser, survey: PulseSurvey) -> bool:
    """Whether this person is asked: an active employee of the audience (everyone when the
    survey names no team). Guests and people who left are never asked."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    profile = Profile.objects.active().filter(user_id=user.pk).values("team_id").first()
    if profile is None:
        return False
    team_ids = audience_team_ids(survey)
    if not team_ids:
        return True
    team_id = profile["team_id"]
    return team_id is not None and not set(team_ancestor_ids(team_id)).isdisjoint(team_ids)


def is_open(pulse_round: PulseRound, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return pulse_round.opens_on <= today < pulse_round.closes_on


def round_for_answering(round_id: int) -> PulseRound | None:
    """A round with its survey and its questions in order (two queries), or None."""
    questions = Prefetch("survey__questions", queryset=PulseQuestion.objects.order_by("sort_order"))
    return (
        PulseRound.objects.select_related("survey")
        .prefetch_related(questions, "survey__audience")
        .filter(pk=round_id)
        .first()
    )


def survey_questions(survey_id: int) -> list[PulseQuestion]:
    """A survey's questions in order, from the database (a survey's `questions` relation is
    modelcluster's, whose `order_by` on a prefetched instance does not filter by survey)."""
    return list(PulseQuestion.objects.filter(survey_id=survey_id).order_by("sort_order"))


def has_answered(user: User | AnonymousUser, pulse_round: PulseRound) -> bool:
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return False
    return Participation.objects.filter(round=pulse_round, user_id=user.pk).exists()


def open_rounds_for(user: User | AnonymousUser) -> list[PulseRound]:
    """The open rounds this person is asked and has not answered yet, newest first."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return []
    today = timezone.localdate()
    rounds = (
        PulseRound.objects.filter(opens_on__lte=today, closes_on__gt=today, survey__active=True)
        .exclude(participations__user_id=user.pk)
        .select_related("survey")
        .prefetch_related("survey__audience")
        .order_by("-opens_on", "pk")
    )
    return [pulse_round for pulse_round in rounds if is_in_audience(user, pulse_round.survey)]


def round_ids_open_to(user: User | AnonymousUser, ids: set[int]) -> set[int]:
    """Of these round ids, those this reader is asked and may still open (notice targets):
    the round exists and the reader is in its survey's audience."""
    rounds = PulseRound.objects.filter(pk__in=ids).select_related("survey")
    rounds = rounds.prefetch_related("survey__audience")
    return {pulse_round.pk for pulse_round in rounds if is_in_audience(user, pulse_round.survey)}


# --- Who reads the results -------------------------------------------------------------------


def may_read_results(user: User | AnonymousUser) -> bool:
    """Communicators (and superusers) read every survey's results; managers their teams'."""
    return is_communicator(user) or bool(managed_team_ids(user))


def results_team_ids(user: User | AnonymousUser) -> set[int] | None:
    """The teams whose rows this reader may see: None for communicators (every row, the
    organisation's included), else the teams they manage (and those below)."""
    if is_communicator(user):
        return None
    return managed_team_ids(user)


def surveys_with_rounds() -> QuerySet[PulseSurvey]:
    surveys: QuerySet[PulseSurvey] = PulseSurvey.objects.prefetch_related("rounds")
    return surveys.order_by("title")


def floor() -> int:
    return min_people()


def quote_floor() -> int:
    return quote_min_people()
