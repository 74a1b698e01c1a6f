"""403, 404, 429 and 500 answer with pages in Ruche's look, in the reader's language (DEBUG is
off in the test settings, as in production); the API keeps its `{"error": ...}` JSON."""

import uuid

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from tests.people.factories import UserFactory, person

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.intranet.error_urls")]


def assert_ruche_page(response, status: int, *texts: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert 'class="site-header"' in html and 'class="brand"' in html
    assert '<html lang="fr">' in html
    assert 'name="viewport"' in html
    assert '<h1 id="error-title">' in html
    for text in texts:
        assert text in html
    return html


def test_a_missing_page_is_a_404_page_in_french(employee_client):
    response = employee_client.get("/nulle-part/")

    assert_ruche_page(response, 404, "Erreur 404", "Cette page n’existe pas", "Accueil")


def test_a_missing_page_is_in_english_for_english_readers(employee_client):
    employee_client.cookies["django_language"] = "en"

    response = employee_client.get("/nowhere/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "This page does not exist" in html and '<html lang="en">' in html


def test_a_forbidden_page_is_a_403_page(employee_client):
    response = employee_client.get("/forbidden/")

    assert_ruche_page(response, 403, "Erreur 403", "Vous ne pouvez pas ouvrir cette page")


def test_a_refused_site_view_is_a_403_page_in_the_same_look(employee_client):
    colleague = person(username="colleague-403").profile

    response = employee_client.get(f"/people/{colleague.user.username}/edit/")

    assert_ruche_page(response, 403, "Erreur 403")


def test_too_many_requests_is_a_429_page_in_the_same_look(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign_in": "1/d"}
    username = f"error-pages-{uuid.uuid4().hex}"
    for _attempt in range(3):
        response = client.post("/accounts/login/", {"username": username, "password": "x"})

    assert_ruche_page(response, 429, "Erreur 429", "Trop de requêtes")


def test_a_server_error_is_a_500_page_in_the_same_look(employee_client):
    employee_client.raise_request_exception = False

    response = employee_client.get("/boom/")

    assert_ruche_page(response, 500, "Erreur 500")


def test_the_500_page_renders_alone_without_a_query(django_assert_num_queries):
    with translation.override("fr"), django_assert_num_queries(0):
        html = render_to_string("500.html")

    assert "Erreur 500" in html and "ruche.css" in html


def test_the_api_answers_its_errors_in_json(employee_client):
    employee_client.raise_request_exception = False

    missing = employee_client.get("/api/nowhere/")
    broken = employee_client.get("/api/boom/")

    assert missing.status_code == 404 and missing.json() == {"error": "Not found."}
    assert broken.status_code == 500 and broken.json() == {"error": "Server error."}


def test_a_form_sent_without_its_csrf_token_gets_the_403_page_in_the_same_look():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    response = client.post("/notifications/read-all/")

    assert_ruche_page(response, 403, "Erreur 403", "Ce formulaire a expiré")
