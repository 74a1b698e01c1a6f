"""Communicators create surveys from a template in one click, and edit them as snippets."""

from __future__ import annotations

import pytest
from django.urls import reverse

from insights.pulse.models import PulseSurvey, QuestionKind
from insights.pulse.selectors import survey_questions
from tests.insights.factories import communicator
from tests.people.factories import person


@pytest.mark.django_db
def test_the_enps_template_makes_an_inactive_survey_with_its_question_in_french(client):
    client.force_login(communicator())

    response = client.post(reverse("insights_pulse_from_template", args=["enps"]))

    made = PulseSurvey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailsnippets_insights_pulse_pulsesurvey:edit", args=[made.pk]
    )
    assert not made.active
    first, second = survey_questions(made.pk)
    assert (first.kind, first.text) == (
        QuestionKind.SCALE_10,
        "Quelle est la probabilité que vous recommandiez notre entreprise comme employeur ?",
    )
    assert second.kind == QuestionKind.TEXT
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_the_information_template_asks_the_objectives_question(client):
    client.force_login(communicator())

    client.post(reverse("insights_pulse_from_template", args=["information"]))

    texts = list(PulseSurvey.objects.get().questions.values_list("text", flat=True))
    assert texts[0] == "Trouvez-vous facilement l'information dont vous avez besoin ?"
    assert len(texts) == 3


@pytest.mark.django_db
def test_an_unknown_template_is_not_found_and_employees_get_nothing(client):
    client.force_login(communicator())
    assert client.post(reverse("insights_pulse_from_template", args=["nope"])).status_code == 404

    client.force_login(person())
    client.post(reverse("insights_pulse_from_template", args=["enps"]))
    assert not PulseSurvey.objects.exists()


@pytest.mark.django_db
def test_the_reports_page_lists_surveys_and_templates(client):
    client.force_login(communicator())

    page = client.get(reverse("insights_pulse_results")).text

    assert "Créer ce sondage" in page and "eNPS" in page
