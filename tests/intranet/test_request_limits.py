"""Input the database cannot hold, or too much of it, is refused with a clear 4xx before any
write: NUL characters, lone surrogates and bodies over DATA_UPLOAD_MAX_MEMORY_SIZE. The API
answers `{"error": ...}` for every endpoint; the site answers with a page."""

import json

import pytest
from django.conf import settings

from ideas.models import Idea
from tests.ideas.factories import challenge

pytestmark = pytest.mark.django_db

TOO_BIG = settings.DATA_UPLOAD_MAX_MEMORY_SIZE * 2


@pytest.fixture
def campaign():
    return challenge(title="Défi ouvert", phase="open")


def post_json(client, url: str, body: str):
    return client.post(url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


def ideas_url(campaign) -> str:
    return f"/api/ideas/challenges/{campaign.pk}/ideas/"


def test_the_api_refuses_a_nul_character_and_stores_nothing(employee_client, campaign):
    body = json.dumps({"title": "Avec\u0000nul", "description": "Texte"})

    response = post_json(employee_client, ideas_url(campaign), body)

    assert response.status_code == 400
    assert "NUL" in response.json()["error"]
    assert not Idea.objects.exists()


def test_the_api_refuses_a_nul_character_in_a_key_or_deep_in_a_list(employee_client, campaign):
    body = json.dumps({"title": "Titre", "description": "Texte", "tags": ["ok", "a\u0000"]})

    response = post_json(employee_client, ideas_url(campaign), body)

    assert response.status_code == 400 and "NUL" in response.json()["error"]


def test_the_api_refuses_a_lone_surrogate_with_400(employee_client, campaign):
    body = '{"title": "Bad \\ud800 title", "description": "Texte"}'

    response = post_json(employee_client, ideas_url(campaign), body)

    assert response.status_code == 400
    assert "surrogate" in response.json()["error"]
    assert not Idea.objects.exists()


def test_a_surrogate_pair_written_as_escapes_is_a_valid_character(employee_client, campaign):
    body = '{"title": "Ruche \\ud83d\\udc1d", "description": "Texte"}'

    response = post_json(employee_client, ideas_url(campaign), body)

    assert response.status_code == 201, response.content
    assert Idea.objects.get().title == "Ruche \U0001f41d"


def test_the_api_refuses_a_body_that_is_not_utf8(employee_client, campaign):
    response = employee_client.post(
        ideas_url(campaign), b'{"title": "\xff"}', content_type="application/json"
    )

    assert response.status_code == 400 and "error" in response.json()


def test_the_api_answers_413_to_a_body_over_the_limit(employee_client, campaign):
    body = json.dumps({"title": "Gros", "description": "x" * TOO_BIG})

    response = post_json(employee_client, ideas_url(campaign), body)

    assert response.status_code == 413
    assert "too large" in response.json()["error"]
    assert not Idea.objects.exists()


def test_the_api_answers_413_to_a_form_body_over_the_limit(employee_client, campaign):
    response = employee_client.post(
        ideas_url(campaign), {"description": "x" * TOO_BIG}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 413 and "error" in response.json()


def test_the_api_refuses_a_nul_character_in_the_query_string(employee_client):
    response = employee_client.get("/api/search/?q=can%00tine")

    assert response.status_code == 400 and "NUL" in response.json()["error"]


def test_the_site_answers_413_with_a_page_to_a_form_over_the_limit(employee_client, campaign):
    response = employee_client.post(
        f"/ideas/challenges/{campaign.pk}/submit/",
        {"title": "Gros", "description": "x" * TOO_BIG},
    )

    assert response.status_code == 413
    html = response.content.decode()
    assert 'id="error-title"' in html and "Erreur 413" in html
    assert not Idea.objects.exists()


def test_the_site_still_refuses_nul_characters(employee_client, campaign):
    response = employee_client.post(
        f"/ideas/challenges/{campaign.pk}/submit/", {"title": "a\x00b", "description": "x"}
    )

    assert response.status_code == 400
    assert not Idea.objects.exists()
