"""Anonymity by construction: nothing joins an answer back to the person who gave it."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.db import models

from insights.pulse.models import Answer, Participation, Response
from tests.insights.pulse.factories import answer, open_round, survey
from tests.people.factories import employees


def test_answers_and_responses_name_nobody_and_carry_no_date():
    for model in (Response, Answer):
        for field in model._meta.get_fields():
            assert not isinstance(field, models.DateField | models.DateTimeField), field
            related = getattr(field, "related_model", None)
            assert related is None or related._meta.label != settings.AUTH_USER_MODEL, field


def test_answers_and_responses_have_random_keys_and_participations_say_nothing_else():
    assert isinstance(Response._meta.pk, models.UUIDField)
    assert isinstance(Answer._meta.pk, models.UUIDField)
    assert {field.name for field in Participation._meta.concrete_fields} == {"id", "round", "user"}


@pytest.mark.django_db
def test_the_order_of_participations_does_not_give_the_order_of_answers():
    pulse_round = open_round(survey())
    people = employees(30)
    for score, someone in enumerate(people):
        answer(pulse_round, someone, score % 11)

    by_participation = [p.user_id for p in Participation.objects.order_by("pk")]
    by_key = list(Response.objects.order_by("pk").values_list("answers__value", flat=True))
    by_storage = list(Response.objects.values_list("answers__value", flat=True))

    assert by_participation == [someone.pk for someone in people]
    expected = [score % 11 for score in range(30)]
    assert by_key != expected  # keys are random: sorting by them is meaningless
    assert all(isinstance(pk, uuid.UUID) for pk in Response.objects.values_list("pk", flat=True))
    assert sorted(by_storage) == sorted(expected)
