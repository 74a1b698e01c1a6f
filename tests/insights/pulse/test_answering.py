"""Answering a pulse: in two clicks from the email, once per person, never by a GET."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from insights.pulse.models import Answer, Participation, QuestionKind, Response
from tests.insights.pulse.factories import answer, open_round, survey
from tests.news.concurrency import post_concurrently
from tests.people.factories import TeamFactory, guest, person

QUESTIONS = (
    (QuestionKind.SCALE_10, "Recommanderiez-vous l'entreprise ?", ""),
    (QuestionKind.CHOICE, "Où cherchez-vous ?", "Recherche\nCollègue"),
    (QuestionKind.TEXT, "Un mot ?", ""),
)


def form_data(pulse_round, score="8", choice="1", text="Bien"):
    return {"q1": score, "q2": choice, "q3": text}


def url(pulse_round, query=""):
    return reverse("insights_pulse:answer", args=[pulse_round.pk]) + query


@pytest.mark.django_db
def test_a_score_link_opens_the_form_with_that_score_chosen_and_writes_nothing(client):
    pulse_round = open_round(survey(questions=QUESTIONS))
    someone = person()
    client.force_login(someone)

    response = client.get(url(pulse_round, "?score=7"))

    assert response.status_code == 200
    checked = re.findall(
        r'<input type="radio" name="(q\d+)" value="(\d+)"[^>]* checked>', response.text
    )
    assert checked == [("q1", "7")]
    assert not Participation.objects.exists() and not Response.objects.exists()


@pytest.mark.django_db
def test_a_score_off_the_scale_preselects_nothing(client):
    pulse_round = open_round(survey(questions=QUESTIONS))
    client.force_login(person())

    response = client.get(url(pulse_round, "?score=11"))

    assert response.status_code == 200 and "checked" not in response.text


@pytest.mark.django_db
def test_sending_records_the_answers_without_the_person(client):
    pulse_round = open_round(survey(questions=QUESTIONS))
    someone = person()
    client.force_login(someone)

    response = client.post(url(pulse_round), form_data(pulse_round))

    assert response.status_code == 302 and response["Location"] == url(pulse_round)
    assert Participation.objects.filter(round=pulse_round, user=someone).count() == 1
    assert set(Answer.objects.values_list("value", "text")) == {(1, ""), (8, ""), (None, "Bien")}
    assert "Merci : vos réponses sont enregistrées" in client.get(url(pulse_round)).text


@pytest.mark.django_db
def test_answering_twice_is_refused_and_keeps_the_first_answers(client):
    pulse_round = open_round(survey(questions=QUESTIONS))
    client.force_login(person())
    client.post(url(pulse_round), form_data(pulse_round))

    again = client.post(url(pulse_round), form_data(pulse_round, score="0"))

    assert again.status_code == 409
    assert Response.objects.count() == 1
    assert Answer.objects.filter(value=0).count() == 0


@pytest.mark.django_db
def test_the_service_refuses_a_second_answer():
    pulse_round = open_round(survey())
    someone = person()

    assert answer(pulse_round, someone, 9) is True
    assert answer(pulse_round, someone, 3) is False
    assert Response.objects.count() == 1 and Answer.objects.get().value == 9


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_once_gives_one_participation_and_one_set_of_answers():
    pulse_round = open_round(survey(questions=QUESTIONS))
    someone = person()

    statuses = post_concurrently([(someone, url(pulse_round))], form_data(pulse_round), threads=4)

    assert sorted(statuses) == [302, 409, 409, 409]
    assert Participation.objects.count() == 1
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 3


@pytest.mark.django_db
def test_a_missing_answer_is_a_form_error_and_nothing_is_written(client):
    pulse_round = open_round(survey(questions=QUESTIONS))
    client.force_login(person())

    response = client.post(url(pulse_round), form_data(pulse_round, score=""))

    assert response.status_code == 400
    assert "Choisissez une réponse." in response.text
    assert not Participation.objects.exists()


@pytest.mark.django_db
def test_free_text_is_optional_and_escaped_nowhere_needed_since_never_shown_back(client):
    pulse_round = open_round(survey(questions=QUESTIONS))
    client.force_login(person())

    response = client.post(url(pulse_round), form_data(pulse_round, text=""))

    assert response.status_code == 302
    assert Answer.objects.count() == 2  # no empty text row


@pytest.mark.django_db
def test_people_outside_the_audience_and_guests_get_not_found(client):
    sales, support = TeamFactory(name="Ventes"), TeamFactory(name="Support")
    east = TeamFactory(name="Est", parent=sales)
    pulse_round = open_round(survey(audience=[sales]))

    for outsider in (person(team=support), guest(invited_by=person(team=sales))):
        client.force_login(outsider)
        assert client.get(url(pulse_round)).status_code == 404
    client.force_login(person(team=east))  # a sub-team is part of the audience
    assert client.get(url(pulse_round)).status_code == 200


@pytest.mark.django_db
def test_a_closed_round_takes_no_answer(client):
    pulse_round = open_round(survey(questions=QUESTIONS), weeks_ago=3)
    pulse_round.closes_on = timezone.localdate() - timedelta(days=1)
    pulse_round.save()
    client.force_login(person())

    assert "il ne prend plus de réponses" in client.get(url(pulse_round)).text
    assert client.post(url(pulse_round), form_data(pulse_round)).status_code == 410
    assert not Participation.objects.exists()


@pytest.mark.django_db
def test_my_surveys_lists_the_rounds_waiting_for_me(client):
    waiting = open_round(survey(title="Climat"))
    done = open_round(survey(title="Déjà fait"))
    someone = person()
    answer(done, someone, 5)
    client.force_login(someone)

    page = client.get(reverse("insights_pulse:mine")).text

    assert "Climat" in page and url(waiting) in page
    assert "Déjà fait" not in page


@pytest.mark.django_db
def test_the_page_speaks_french_by_default(client):
    pulse_round = open_round(survey())
    client.force_login(person())

    page = client.get(url(pulse_round), HTTP_ACCEPT_LANGUAGE="fr").text

    assert "Envoyer mes réponses" in page
