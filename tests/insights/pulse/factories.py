"""Builders for the pulse tests: surveys, their rounds, and answers given through the service.

People and teams come from tests/people/factories.py.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from insights.pulse.models import PulseQuestion, PulseRound, PulseSurvey, QuestionKind
from insights.pulse.selectors import round_for_answering, survey_questions
from insights.pulse.services import pulse_answer_record
from insights.selectors import monday_of


def survey(
    *,
    title: str = "Pouls",
    questions: tuple = ((QuestionKind.SCALE_10, "Recommanderiez-vous l'entreprise ?", ""),),
    audience=(),
    recurrence: str = "weekly",
    starts_on=None,
    active: bool = True,
) -> PulseSurvey:
    """A survey with these (kind, text, choices) questions, for these teams (none: everyone)."""
    made = PulseSurvey.objects.create(
        title=title,
        recurrence=recurrence,
        starts_on=starts_on or timezone.localdate(),
        active=active,
    )
    made.audience.set(audience)
    made.save()  # a parental many-to-many is stored on save (before the questions)
    for order, (kind, text, choices) in enumerate(questions):
        PulseQuestion.objects.create(
            survey=made, sort_order=order, kind=kind, text=text, choices=choices
        )
    return made


def open_round(of: PulseSurvey, *, weeks_ago: int = 0, invited: int = 0) -> PulseRound:
    """A round of `of` opened on this week's Monday (or `weeks_ago` weeks before), open today."""
    opens_on = monday_of(timezone.localdate()) - timedelta(weeks=weeks_ago)
    made = PulseRound.objects.create(
        survey=of,
        opens_on=opens_on,
        closes_on=max(opens_on + timedelta(days=7), timezone.localdate() + timedelta(days=1)),
        invited=invited,
    )
    return round_for_answering(made.pk)


def answer(pulse_round: PulseRound, user, *values) -> bool:
    """`user` answers the round's questions, in order, with these values."""
    questions = survey_questions(pulse_round.survey_id)
    return pulse_answer_record(
        user=user,
        pulse_round=pulse_round,
        answers={question.pk: value for question, value in zip(questions, values, strict=True)},
    )


def matrix_objects() -> dict:
    """For the permission matrix (tests/security/world.py): a survey for everyone, open."""
    for_everyone = survey(title="Matrice")
    return {"pulse_survey": for_everyone, "pulse_round": open_round(for_everyone)}
