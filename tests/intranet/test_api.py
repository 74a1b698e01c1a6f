"""The API frame: session or token, JSON errors, a schema for signed-in users."""

import pytest
from wagtail.models import APIToken

from tests.people.factories import UserFactory


@pytest.fixture
def user(db):
    return UserFactory(username="camille", first_name="Camille")


def test_an_anonymous_call_gets_401_with_a_json_error(client, db):
    response = client.get("/api/me/")

    assert response.status_code == 401
    assert response.json() == {"error": "Authentication required."}


def test_a_signed_in_session_reaches_the_api(client, user):
    client.force_login(user)

    response = client.get("/api/me/")

    assert response.status_code == 200
    assert response.json()["username"] == "camille"


def test_a_bearer_token_reaches_the_api_as_its_user(client, user):
    _, raw = APIToken.create_token(user=user, name="bot")

    response = client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 200
    assert response.json()["first_name"] == "Camille"


def test_a_revoked_or_unknown_token_is_refused(client, user):
    token, raw = APIToken.create_token(user=user, name="bot")
    token.revoke()

    assert client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert client.get("/api/me/", HTTP_AUTHORIZATION="Bearer nope").status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(client, user):
    _, raw = APIToken.create_token(user=user, name="bot")
    user.is_active = False
    user.save()

    assert client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_the_openapi_schema_and_docs_are_for_signed_in_users(client, user):
    assert client.get("/api/openapi.json").status_code == 401

    client.force_login(user)
    schema = client.get("/api/openapi.json")

    assert schema.status_code == 200
    assert "/api/me/" in schema.json()["paths"]
    assert client.get("/api/docs").status_code == 200


def test_an_unknown_endpoint_answers_with_a_json_404(client, user):
    client.force_login(user)

    response = client.get("/api/nothing-here/")

    assert response.status_code == 404
