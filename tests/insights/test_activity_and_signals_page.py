"""Activity days behind weekly active users, and the communicators' signals page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insights.models import ActivityDay
from insights.selectors import last_complete_week, week_bounds
from insights.services import flush_activity
from tests.insights.factories import communicator
from tests.people.factories import UserFactory, employees, guest
from tests.search.factories import search

pytestmark = pytest.mark.django_db

SIGNALS = "/admin/insights/signals/"


def test_browsing_records_one_activity_day_per_person_without_writing_during_the_request(client):
    user = UserFactory()
    client.force_login(user)

    with CaptureQueriesContext(connection) as queries:
        client.get("/people/")
    client.get("/people/")
    writes = [q["sql"] for q in queries if "insights_activityday" in q["sql"]]
    flush_activity()
    flush_activity()  # a second flush changes nothing

    assert writes == []
    assert list(ActivityDay.objects.values_list("user_id", "day")) == [
        (user.pk, timezone.localdate())
    ]


def test_guests_visits_are_not_counted_as_employees_activity(client):
    client.force_login(guest(username="eva"))

    assert client.get("/people/guests/").status_code == 200
    flush_activity()

    assert not ActivityDay.objects.exists()


def test_anonymous_visits_record_nothing(client):
    client.get("/accounts/login/")
    flush_activity()
    assert not ActivityDay.objects.exists()


def refused(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and not response["Location"].startswith(SIGNALS)
    )


def test_only_communicators_and_superusers_open_the_signals_page(client):
    client.force_login(UserFactory())
    assert refused(client.get(SIGNALS))
    editor = UserFactory()
    editor.user_permissions.add(*communicator().groups.get().permissions.all())
    client.force_login(editor)
    assert refused(client.get(SIGNALS))
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(SIGNALS).status_code == 200
    client.force_login(communicator())
    assert client.get(SIGNALS).status_code == 200
    client.logout()
    assert refused(client.get(SIGNALS))


def test_the_signals_page_shows_last_weeks_signals_with_a_constant_number_of_queries(client):
    week = last_complete_week()
    when = week_bounds(week)[0] + timedelta(hours=30)
    client.force_login(communicator())
    for person in employees(5):
        search(person, "parking", when=when)
    client.get(SIGNALS)
    with CaptureQueriesContext(connection) as few:
        html = client.get(SIGNALS).content.decode()

    for person in employees(20):
        search(person, "navette", when=when)
        search(person, "introuvable", results=0, when=when)
        search(person, "introuvable", results=0, when=when - timedelta(weeks=1))
    with CaptureQueriesContext(connection) as many:
        more = client.get(SIGNALS).content.decode()

    assert "<td>parking</td>" in html
    assert "<td>navette</td>" in more and "<td>introuvable</td>" in more
    assert len(many) == len(few)
