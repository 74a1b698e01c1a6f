"""Everything but the sign-in page needs a signed-in user."""

import pytest
from django.urls import reverse

from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory


@pytest.fixture
def page(db):
    return publish_standard_page(title="Charte", parent=home_page())


@pytest.mark.parametrize("path", ["/", "/search/?q=charte", "/admin/", "/api/docs"])
def test_anonymous_visitors_are_sent_to_the_sign_in_page(client, db, path):
    response = client.get(path)

    assert response.status_code in (302, 401)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))


def test_an_anonymous_visitor_cannot_read_a_content_page(client, page):
    response = client.get(page.url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={page.url}"


def test_the_sign_in_page_is_open_and_accessible(client, db):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert '<label for="id_username">' in html and '<label for="id_password">' in html


def test_signing_in_with_the_right_password_leads_to_the_page_asked_for(client, page):
    UserFactory(username="camille")

    response = client.post(
        reverse("login"),
        {"username": "camille", "password": "correct horse battery", "next": page.url},
    )

    assert response.status_code == 302 and response["Location"] == page.url
    assert client.get(page.url).status_code == 200


def test_a_wrong_password_is_refused_with_a_clear_error(client, db):
    UserFactory(username="camille")

    response = client.post(reverse("login"), {"username": "camille", "password": "nope"})

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_needs_a_post_and_ends_the_session(client, db):
    client.force_login(UserFactory())

    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_an_inactive_user_cannot_sign_in(client, db):
    UserFactory(username="gone", is_active=False)

    client.post(reverse("login"), {"username": "gone", "password": "correct horse battery"})

    assert "_auth_user_id" not in client.session


def test_the_health_check_is_open_for_load_balancers(client, db):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_an_employee_without_admin_rights_is_refused_the_wagtail_admin(client, db):
    client.force_login(UserFactory())

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert b"wagtail" not in client.get(response["Location"]).content.lower()
