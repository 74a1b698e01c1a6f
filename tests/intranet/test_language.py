"""The interface speaks French by default and English on request."""

from django.urls import reverse

from tests.people.factories import UserFactory


def test_the_interface_is_french_by_default(client, db):
    client.force_login(UserFactory())

    html = client.get("/").content.decode()

    assert '<html lang="fr">' in html
    assert "Rechercher" in html
    assert "Se déconnecter" in html


def test_switching_to_english_translates_the_interface_and_returns_to_the_page(client, db):
    client.force_login(UserFactory())

    response = client.post(reverse("set_language"), {"language": "en", "next": "/search/"})

    assert response.status_code == 302 and response["Location"] == "/search/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Sign out" in html


def test_the_sign_in_page_follows_the_browser_language(client, db):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<html lang="en">' in html
    assert "Sign in to Ruche" in html
