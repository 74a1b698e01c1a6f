"""Giving Ruche a browser's push subscription, and taking it back: for the person signed in,
their own browsers only, CSRF-checked, and refused with a clear 400 when it is not a push
subscription Ruche may post to. The preferences page offers push only when the site has keys."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client

from notifications.checks import vapid_keys_match
from notifications.models import Preference, PushSubscription
from notifications.vapid import generate_pair, local_pair, public_key_of
from tests.notifications.push_service import PushService
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/api/notifications/push/subscribe/"
UNSUBSCRIBE = "/api/notifications/push/unsubscribe/"


@pytest.fixture
def browser():
    return PushService().browser()  # a subscription as a browser makes one; no server needed


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_a_person_gives_ruche_the_subscription_of_their_browser(client, browser):
    user = UserFactory()
    client.force_login(user)

    response = post(client, SUBSCRIBE, browser.subscription())

    assert response.status_code == 201, response.content
    assert response.json()["endpoint"] == browser.endpoint
    saved = PushSubscription.objects.get()
    assert (saved.user, saved.endpoint) == (user, browser.endpoint)
    assert saved.p256dh == browser.subscription()["keys"]["p256dh"]
    # Subscribing the same browser again keeps one subscription.
    assert post(client, SUBSCRIBE, browser.subscription()).status_code == 201
    assert PushSubscription.objects.count() == 1


def test_a_browser_someone_else_signs_in_on_moves_to_them(client, browser):
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    post(client, SUBSCRIBE, browser.subscription())
    client.force_login(second)

    post(client, SUBSCRIBE, browser.subscription())

    assert PushSubscription.objects.get().user == second


def test_a_person_takes_back_only_their_own_browser(client, browser):
    owner, other = UserFactory(), UserFactory()
    client.force_login(owner)
    post(client, SUBSCRIBE, browser.subscription())
    client.force_login(other)

    response = post(client, UNSUBSCRIBE, {"endpoint": browser.endpoint})

    assert response.status_code == 200 and response.json() == {"unsubscribed": False}
    assert PushSubscription.objects.filter(user=owner).exists()
    client.force_login(owner)
    assert post(client, UNSUBSCRIBE, {"endpoint": browser.endpoint}).json() == {
        "unsubscribed": True
    }
    assert not PushSubscription.objects.exists()


def test_subscribing_needs_a_signed_in_person_and_the_csrf_token(browser):
    anonymous = Client()
    assert post(anonymous, SUBSCRIBE, browser.subscription()).status_code == 401

    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(UserFactory())
    response = post(guarded, SUBSCRIBE, browser.subscription())
    assert response.status_code == 403
    assert not PushSubscription.objects.exists()

    guarded.get("/notifications/preferences/")  # the page sets the CSRF cookie
    token = guarded.cookies["csrftoken"].value
    response = guarded.post(
        SUBSCRIBE, browser.subscription(), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201


def _with(subscription, **changes):
    keys = {**subscription["keys"], **changes.pop("keys", {})}
    return {**subscription, **changes, "keys": keys}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"endpoint": "https://evil.example.org/push/1"}, "endpoint"),
        ({"endpoint": "http://fcm.googleapis.com/fcm/send/1"}, "endpoint"),  # not HTTPS
        ({"endpoint": "http://10.0.0.1:8080/admin"}, "endpoint"),  # an internal address
        ({"endpoint": "not a url"}, "endpoint"),
        ({"keys": {"p256dh": "AAAA"}}, "p256dh"),
        ({"keys": {"p256dh": "A" * 87}}, "p256dh"),  # 65 bytes, but no uncompressed point
        ({"keys": {"p256dh": "!!!not base64!!!"}}, "p256dh"),
        ({"keys": {"auth": "c2hvcnQ"}}, "auth"),
    ],
)
def test_what_is_not_a_push_subscription_is_refused_clearly(client, browser, change, reason):
    client.force_login(UserFactory())

    response = post(client, SUBSCRIBE, _with(browser.subscription(), **change))

    assert response.status_code == 400
    assert reason in response.json()["error"]
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "body", [{}, {"endpoint": "https://fcm.googleapis.com/x"}, {"keys": {}}, "[]", "{"]
)
def test_a_malformed_body_is_a_400_with_an_error(client, body):
    client.force_login(UserFactory())

    response = client.post(
        SUBSCRIBE, body if isinstance(body, str) else body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]


def test_a_real_push_service_endpoint_is_accepted(client, browser):
    client.force_login(UserFactory())
    subscription = {**browser.subscription(), "endpoint": "https://fcm.googleapis.com/fcm/send/a1"}

    assert post(client, SUBSCRIBE, subscription).status_code == 201


def test_the_preferences_page_offers_push_with_the_sites_public_key(client, settings):
    user = UserFactory()
    client.force_login(user)

    html = client.get("/notifications/preferences/").content.decode()

    assert f'data-vapid-key="{settings.WEBPUSH_VAPID_PUBLIC_KEY}"' in html
    assert re.search(r'<input type="checkbox" name="push"[^>]* checked', html)
    assert 'src="/static/frontend/js/push.js"' in html
    assert '<section class="push-device"' in html and " hidden" in html  # shown by JS


def test_a_person_turns_push_off_in_the_preferences(client):
    user = UserFactory()
    client.force_login(user)

    client.post("/notifications/preferences/", {"cadence": "weekly", "language": ""})

    assert Preference.objects.get(user=user).push is False
    client.post("/notifications/preferences/", {"cadence": "weekly", "language": "", "push": "on"})
    assert Preference.objects.get(user=user).push is True


def test_without_keys_push_is_neither_offered_nor_accepted(client, settings, browser):
    settings.WEBPUSH_VAPID_PRIVATE_KEY = settings.WEBPUSH_VAPID_PUBLIC_KEY = ""
    user = UserFactory()
    client.force_login(user)

    html = client.get("/notifications/preferences/").content.decode()
    assert "data-push" not in html and 'name="push"' not in html
    response = post(client, SUBSCRIBE, browser.subscription())
    assert response.status_code == 503 and response.json()["error"]
    # Saving the other preferences leaves the push choice as it was.
    client.post("/notifications/preferences/", {"cadence": "daily", "language": ""})
    assert Preference.objects.get(user=user).push is True


def test_the_command_prints_a_matching_pair(capsys):
    call_command("generate_vapid_keys")

    lines = dict(line.split("=", 1) for line in capsys.readouterr().out.split())
    assert public_key_of(lines["WEBPUSH_VAPID_PRIVATE_KEY"]) == lines["WEBPUSH_VAPID_PUBLIC_KEY"]
    assert len(lines["WEBPUSH_VAPID_PUBLIC_KEY"]) == 87  # 65 bytes, base64url


def test_the_system_check_refuses_keys_that_do_not_match(settings):
    assert vapid_keys_match(None) == []
    settings.WEBPUSH_VAPID_PUBLIC_KEY = generate_pair()[1]
    assert [error.id for error in vapid_keys_match(None)] == ["notifications.E003"]
    settings.WEBPUSH_VAPID_PUBLIC_KEY = ""
    assert [error.id for error in vapid_keys_match(None)] == ["notifications.E001"]
    settings.WEBPUSH_VAPID_PRIVATE_KEY = settings.WEBPUSH_VAPID_PUBLIC_KEY = ""
    assert vapid_keys_match(None) == []  # push off


def test_signing_out_stops_the_pushes_to_that_browser_only(client, browser):
    user = UserFactory()
    elsewhere = PushService().browser()
    client.force_login(user)
    post(client, SUBSCRIBE, browser.subscription())
    other_session = Client()
    other_session.force_login(user)
    post(other_session, SUBSCRIBE, elsewhere.subscription())

    client.post("/accounts/logout/")

    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [elsewhere.endpoint]


def test_a_person_keeps_at_most_twenty_browsers_the_oldest_go_first(client):
    user = UserFactory()
    client.force_login(user)
    service = PushService()
    browsers = [service.browser() for _n in range(22)]

    for each in browsers:
        assert post(client, SUBSCRIBE, each.subscription()).status_code == 201

    kept = set(PushSubscription.objects.filter(user=user).values_list("endpoint", flat=True))
    assert kept == {each.endpoint for each in browsers[2:]}


def test_the_embedded_mode_keeps_one_private_pair_across_restarts(tmp_path):
    where = tmp_path / "keys" / "vapid.json"

    first, again = local_pair(where), local_pair(where)

    assert first == again
    assert public_key_of(first[0]) == first[1]
    assert where.stat().st_mode & 0o777 == 0o600  # readable by its owner only
