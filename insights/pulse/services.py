"""Writes of pulse surveys: opening rounds, recording answers, creating a survey from a
template.

An answer is recorded in one transaction with the participation that says who answered:
both or neither. The participation is unique per round and person, and the person's row is
locked first, so two submits at once (a double click, two tabs) give one participation and
one set of answers; the second is refused.
"""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from insights.privacy import team_breakdowns_on
from insights.pulse.models import (
    Answer,
    Participation,
    PulseQuestion,
    PulseRound,
    PulseSurvey,
    QuestionKind,
    Response,
)
from insights.pulse.notices import notify_round
from insights.pulse.periods import closing, due_opening
from insights.pulse.selectors import audience_user_ids
from insights.pulse.survey_templates import SurveyTemplate
from people.models import Profile

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Answers are inserted in a shuffled order: their physical order says nothing either.
_shuffle = random.SystemRandom().shuffle


def pulse_answer_record(
    *, user: User, pulse_round: PulseRound, answers: dict[int, int | str]
) -> bool:
    """Record `user`'s answers to an open round (question id → score, option index or text,
    already validated by the form); False when they had already answered, and nothing is
    written then.

    The response carries the person's team only while team breakdowns are on.
    """
    with transaction.atomic():
        # Serialises this person's submits; other people's answers do not wait.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if Participation.objects.filter(round=pulse_round, user=user).exists():
            return False
        try:
            with transaction.atomic():
                Participation.objects.create(round=pulse_round, user=user)
        except IntegrityError:
            return False
        team_id = (
            Profile.objects.filter(user=user).values_list("team_id", flat=True).first()
            if team_breakdowns_on()
            else None
        )
        response = Response.objects.create(round=pulse_round, team_id=team_id)
        rows = [
            Answer(
                response=response,
                question_id=question_id,
                value=value if isinstance(value, int) else None,
                text=value if isinstance(value, str) else "",
            )
            for question_id, value in answers.items()
            if value != ""
        ]
        _shuffle(rows)
        Answer.objects.bulk_create(rows)
    return True


def pulse_rounds_open(*, today: date | None = None) -> list[PulseRound]:
    """Open the round each active survey is due for today, once (beat job, every 15 minutes).

    The round is unique per survey and Monday: a rerun, or two runs at once, find it there
    and open nothing. Its notices go through the outbox in the same transaction: sent once
    the round is committed, never for a round rolled back. Returns the rounds opened.
    """
    today = today or timezone.localdate()
    opened = []
    surveys = PulseSurvey.objects.filter(active=True, questions__isnull=False).distinct()
    for survey in surveys.prefetch_related("audience").order_by("pk"):
        opens_on = due_opening(
            recurrence=survey.recurrence, starts_on=survey.starts_on, today=today
        )
        if opens_on is None:
            continue
        with transaction.atomic():
            pulse_round, created = PulseRound.objects.get_or_create(
                survey=survey,
                opens_on=opens_on,
                defaults={
                    "closes_on": closing(recurrence=survey.recurrence, opens_on=opens_on),
                    "invited": len(audience_user_ids(survey)),
                },
            )
            if created:
                notify_round.enqueue(pulse_round.pk)
                opened.append(pulse_round)
    return opened


def pulse_survey_create_from_template(*, template: SurveyTemplate) -> PulseSurvey:
    """A new survey with a template's questions, for everyone, monthly from this week; not
    active until a communicator checks it and turns it on."""
    with transaction.atomic():
        survey: PulseSurvey = PulseSurvey.objects.create(
            title=str(template.title),
            intro=str(template.intro),
            recurrence=template.recurrence,
            starts_on=timezone.localdate(),
            active=False,
        )
        PulseQuestion.objects.bulk_create(
            PulseQuestion(
                survey=survey,
                sort_order=order,
                kind=QuestionKind(kind),
                text=str(text),
                choices="\n".join(str(option) for option in options),
            )
            for order, (kind, text, options) in enumerate(template.questions)
        )
    return survey
