"""schemathesis generates requests from the served OpenAPI schema: no server error, and every
answer (status, content type, body) as the schema documents it."""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from wagtail.models import APIToken

from intranet.wsgi import application
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory


@contextmanager
def keeping_the_test_transaction_open():
    """Like Django's test client: the WSGI app must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_token(db):
    publish_standard_page(title="Télétravail : la charte", parent=home_page())
    _, raw = APIToken.create_token(user=UserFactory(), name="schemathesis")
    return raw


def served_schema(client, token: str) -> dict:
    """The schema as served; credentials are forced on every call, so the security schemes
    are dropped (bad credentials are tested in tests/intranet/test_api.py)."""
    schema = client.get("/api/openapi.json", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    schema.get("components", {}).pop("securitySchemes", None)
    for path in schema["paths"].values():
        for operation in path.values():
            operation.pop("security", None)
    return schema


def test_every_api_operation_answers_as_its_schema_says(client, api_token):
    schema = schemathesis.openapi.from_dict(served_schema(client, api_token))
    schema.app = application
    # A NUL character is refused with 400 everywhere (tests/intranet/test_request_limits.py),
    # so it is never part of a request the schema calls valid.
    schema.config.generation.update(allow_x00=False)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 3

    for operation in operations:

        @keeping_the_test_transaction_open()
        @given(case=operation.as_strategy())
        @settings(
            max_examples=40,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        )
        def answers_as_documented(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {api_token}"})

        answers_as_documented()
