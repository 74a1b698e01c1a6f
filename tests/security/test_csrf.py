"""CSRF: every state-changing request of the matrix (site forms and session-authenticated API
calls) is refused without the CSRF token and does what the matrix says with it. A bearer token
is no ambient credential, so API calls with one need no CSRF token; a session cookie does.

Enumerated from the permission matrix, which itself covers every URL pattern; a view that
takes POST must have a POST row there (checked below), so a new form cannot skip this test.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import APIToken

from tests.security.endpoints import endpoint, ruche_endpoints
from tests.security.test_permission_matrix import outcome, rules
from tests.security.world import ROLES, build_world

ADMIN = ROLES.index("admin")


def state_changing(world):
    return [rule for rule in rules(world) if rule.method != "GET"]


def strict_client(user=None) -> tuple[Client, str]:
    """A client that enforces CSRF like a browser, and the token its cookie holds."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    client.get(reverse("login"))  # the sign-in form sets the CSRF cookie
    return client, client.cookies["csrftoken"].value


def attempt(rule, world, client, **extra) -> str:
    with transaction.atomic():
        result = outcome(rule.send(client, world, **extra))
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db
def test_every_state_changing_request_needs_the_csrf_token():
    world = build_world()
    wrong = []
    for rule in state_changing(world):
        client, token = strict_client(world.users["admin"])  # fresh: a row may sign out
        without = attempt(rule, world, client)
        with_token = attempt(rule, world, client, HTTP_X_CSRFTOKEN=token)
        if without != "403" or with_token != rule.expected[ADMIN]:
            wrong.append(
                f"{rule.method} {rule.path}: without token {without} (want 403), "
                f"with token {with_token} (want {rule.expected[ADMIN]})"
            )

    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_signing_in_needs_the_csrf_token_too():
    world = build_world()
    client, token = strict_client()
    form = {"username": "role-employee", "password": "correct horse battery"}

    refused = client.post(reverse("login"), form)
    accepted = client.post(reverse("login"), {**form, "csrfmiddlewaretoken": token})

    assert refused.status_code == 403
    assert accepted.status_code == 302 and client.session["_auth_user_id"] == str(
        world.users["employee"].pk
    )


@pytest.mark.django_db
def test_api_writes_with_a_bearer_token_need_no_csrf_token():
    world = build_world()
    _, raw = APIToken.create_token(user=world.users["admin"], name="bot")
    bot = Client(enforce_csrf_checks=True)
    api_rules = [rule for rule in state_changing(world) if rule.path.startswith("/api/")]
    assert api_rules

    for rule in api_rules:
        got = attempt(rule, world, bot, HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert got == rule.expected[ADMIN], f"{rule.method} {rule.path}: {got}"


@pytest.mark.django_db
def test_ruche_admin_forms_need_the_csrf_token():
    world = build_world()
    client, token = strict_client(world.users["admin"])
    forms = [
        rule.url(world)
        for rule in rules(world)
        if rule.path.startswith("/admin/snippets/")
        and not rule.path.endswith("/snippets/")
        and ("/add/" in rule.path or "/edit/" in rule.path or "/delete/" in rule.path)
    ]
    assert forms

    for url in forms:
        with transaction.atomic():
            assert client.post(url, {}).status_code == 403, url
            assert client.post(url, {}, HTTP_X_CSRFTOKEN=token).status_code != 403, url
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_view_that_takes_a_post_has_a_post_row_in_the_matrix():
    """Else its CSRF protection (and its permissions on writes) would go untested."""
    world = build_world()
    client = Client()
    client.force_login(world.users["admin"])
    posted = {endpoint(rule.url(world), rule.method) for rule in state_changing(world)}
    missing = []
    for rule in rules(world):
        name = endpoint(rule.url(world), rule.method)
        if rule.method != "GET" or name in posted or name.startswith(("api:", "wagtailsnippets_")):
            continue
        with transaction.atomic():
            status = client.post(rule.url(world), {}).status_code
            transaction.set_rollback(True)
        if status not in (404, 405):  # 404: single sign-on is off
            missing.append(f"{name} ({rule.path} answered POST with {status})")
            posted.add(name)

    assert not missing, "Views taking POST without a POST row: " + ", ".join(missing)
    assert ruche_endpoints()  # the matrix's coverage test makes sure every pattern has a row
