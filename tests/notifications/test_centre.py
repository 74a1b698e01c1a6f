"""The notification centre: my notices, unread counts in the header, marking them read."""

import pytest
from django.test import Client

from notifications.models import Notification
from tests.notifications.factories import notice
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(client):
    user = UserFactory(username="moi")
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the texts below are asserted in English
    return user


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in ("/notifications/", "/notifications/preferences/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
    assert client.post("/notifications/read-all/").url.startswith("/accounts/login/")


def test_the_header_shows_my_unread_count_as_text(client, me):
    for number in range(3):
        notice(me, message=f"Avis {number}")
    notice(UserFactory(), message="Pas pour moi")

    html = client.get("/notifications/").content.decode()

    assert 'Notifications <span class="badge">(3 unread)</span>' in html
    notice(me, key="read", read_at="2026-01-01T00:00:00Z")
    assert "(3 unread)" in client.get("/notifications/").content.decode()


def test_no_badge_when_everything_is_read(client, me):
    notice(me, read_at="2026-01-01T00:00:00Z")

    html = client.get("/notifications/").content.decode()

    assert 'data-testid="notifications-link"' in html
    assert "unread)" not in html


def test_the_centre_lists_only_my_notices_newest_first_and_escapes_them(client, me):
    notice(me, key="old", message="Ancienne", created_at="2026-01-01T08:00:00Z")
    notice(me, key="new", message="<script>alert(1)</script> Récente")
    notice(UserFactory(), key="other", message="Secret d'un autre")

    html = client.get("/notifications/").content.decode()

    assert html.index("Récente") < html.index("Ancienne")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Secret d&#x27;un autre" not in html and "Secret d'un autre" not in html


def test_the_centre_is_paginated(client, me):
    for number in range(25):
        notice(me, key=f"n{number}", message=f"Avis numéro {number:02d}")

    first = client.get("/notifications/").content.decode()
    second = client.get("/notifications/?page=2").content.decode()

    assert first.count('data-testid="notification"') == 20
    assert second.count('data-testid="notification"') == 5
    assert 'rel="next"' in first


def test_marking_one_notice_read_changes_the_count(client, me):
    first, second = notice(me, key="a"), notice(me, key="b")

    response = client.post(f"/notifications/{first.pk}/read/")

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    assert "(1 unread)" in client.get("/notifications/").content.decode()


def test_mark_all_read(client, me):
    for number in range(4):
        notice(me, key=f"n{number}")
    theirs = notice(UserFactory(), key="theirs")

    client.post("/notifications/read-all/")

    assert not Notification.objects.filter(recipient=me, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "unread)" not in client.get("/notifications/").content.decode()


def test_another_persons_notice_cannot_be_marked(client, me):
    theirs = notice(UserFactory(), key="theirs")

    response = client.post(f"/notifications/{theirs.pk}/read/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_needs_a_post_with_the_csrf_token(me):
    mine = notice(me)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(me)

    assert strict.get(f"/notifications/{mine.pk}/read/").status_code == 405
    assert strict.post(f"/notifications/{mine.pk}/read/").status_code == 403
    assert strict.post("/notifications/read-all/").status_code == 403
    mine.refresh_from_db()
    assert mine.read_at is None


def test_marking_read_returns_to_a_local_page_only(client, me):
    mine, other = notice(me, key="a"), notice(me, key="b")

    local = client.post(f"/notifications/{mine.pk}/read/", {"next": "/notifications/?page=1"})
    foreign = client.post(f"/notifications/{other.pk}/read/", {"next": "https://evil.example/"})

    assert local.url == "/notifications/?page=1"
    assert foreign.url == "/notifications/"


def _queries(client, url: str) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured]


def test_the_centre_and_its_badge_take_a_constant_number_of_queries(client, me):
    notice(me, key="one")
    _queries(client, "/notifications/")  # the first request warms the site and locale caches
    few = _queries(client, "/notifications/")
    for number in range(40):
        notice(me, key=f"n{number}")
    recounted = _queries(client, "/notifications/")  # new notices: the badge counts again
    many = _queries(client, "/notifications/")

    assert len(many) == len(few) <= 10, "\n".join(many)
    mine = [sql for sql in many if "notifications_notification" in sql]
    # The page's own count and rows; the header's count comes from the cache.
    assert len(mine) == 2
    assert not any("COUNT(" in sql and "read_at" in sql for sql in mine)
    assert len(recounted) == len(many) + 1
    assert sum("COUNT(" in sql and "read_at" in sql for sql in recounted) == 1


def test_the_badge_costs_one_query_after_a_change_and_none_after(client, me):
    for number in range(10):
        notice(me, key=f"n{number}")
    first = _queries(client, "/notifications/preferences/")
    again = _queries(client, "/notifications/preferences/")

    touching = [sql for sql in first if "notifications_notification" in sql]
    assert len(touching) == 1
    assert "COUNT(" in touching[0]
    assert not any("notifications_notification" in sql for sql in again)


def test_the_old_ideas_notifications_address_leads_to_the_centre(client, me):
    response = client.get("/ideas/notifications/")

    assert response.status_code == 301
    assert response.url == "/notifications/"
