"""Activity days behind weekly active users, and the communicators' signals page."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insights.detection import SIGNAL_HISTORY_WEEKS
from insights.models import ActivityDay
from insights.selectors import last_complete_week, week_bounds
from insights.services import flush_activity
from insights.tasks import count_signal_terms
from tests.conversations.factories import comment_on
from tests.ideas.factories import challenge, idea
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
        search(person, "parking", results=0, when=when)
    client.get(SIGNALS)
    with CaptureQueriesContext(connection) as few:
        html = client.get(SIGNALS).content.decode()

    for person in employees(20):
        search(person, "navette", results=0, when=when)
    for person in employees(20):
        search(person, "introuvable", results=0, when=when)
        search(person, "introuvable", results=0, when=when - timedelta(weeks=1))
    count_signal_terms()  # the daily job counts last week again
    with CaptureQueriesContext(connection) as many:
        more = client.get(SIGNALS).content.decode()

    assert '<th scope="row">parking' in html
    assert '<th scope="row">navette' in more and "<td>introuvable</td>" in more
    assert len(many) == len(few)


def _cards(html: str) -> list[str]:
    """The metric cards in order: emerging topics, searches with no result, frustration."""
    cards = html[html.index('data-testid="signal-cards"') :].split('class="metric-card"')[1:]
    return [card[: card.index("</div>")] for card in cards]


def test_each_signal_has_a_metric_card_with_its_trend_and_a_weekly_chart_with_its_table(client):
    week = last_complete_week()
    client.force_login(communicator())
    frustrated = employees(7)
    topic = idea(challenge(phase="open"), created_at=week_bounds(week)[0] - timedelta(weeks=2))
    for number, person in enumerate(frustrated):
        # 4 people the week before (withheld: under the floor of 5), 7 last week
        when = week_bounds(week)[0] + timedelta(hours=30)
        body = "<p>Ça ne marche pas</p>"
        if number < 4:
            comment_on(topic, author=person, body=body, created_at=when - timedelta(weeks=1))
        comment_on(topic, author=person, body=body, created_at=when)

    html = client.get(SIGNALS).content.decode()

    cards = _cards(html)
    assert len(cards) == 3
    card = cards[2]
    assert '<p class="metric-card__value">7</p>' in card
    assert "metric-card__trend" not in card  # the week before is withheld: no trend from it
    charts = re.findall(r'<figure class="chart".*?</figure>', html, re.S)
    assert len(charts) == 3
    for chart in charts:
        assert "<svg" in chart and "<table" in chart  # drawn, and said in a table
        assert chart.count('<th scope="row">') == SIGNAL_HISTORY_WEEKS
    frustration_chart = next(chart for chart in charts if 'id="signal-frustration-title"' in chart)
    cells = re.findall(r"<td>([^<]*)</td>", frustration_chart)
    assert cells[-1] == "7" and not cells[-2].isdigit()  # 4 people: withheld, never shown
    assert "<td>4</td>" not in frustration_chart
