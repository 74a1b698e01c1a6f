"""Each KPI of the objectives is a fixed number of queries whatever the amount of data, so
that the weekly snapshots of every team stay cheap."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agenda.models import RSVP, RSVPStatus
from ideas.models import Status, StatusChange
from insights.kpis import measure
from insights.selectors import group_for
from tests.communities.factories import event
from tests.ideas.factories import challenge, idea
from tests.people.factories import TeamFactory, employees, kudos, value
from tests.search.factories import search

pytestmark = pytest.mark.django_db

CODES = [
    "search_first_try",
    "first_click_seconds",
    "kudos_across_teams",
    "values_recognised",
    "participation_breadth",
    "ideas_per_100",
    "answered_30d",
    "implemented_share",
    "event_attendance",
    "signals_raised",
]


def activity(people, ideas_page, workshop):
    for index, someone in enumerate(people):
        search(someone, f"question {index}", click=index % 2 == 0)
        kudos(someone, people[(index + 1) % len(people)])
        item = idea(ideas_page, author=someone)
        StatusChange.objects.create(
            idea=item,
            from_status=Status.SUBMITTED,
            to_status=Status.IMPLEMENTED,
            message="<p>Fait</p>",
            author=ideas_page.challenge_owner,
        )
        RSVP.objects.create(event=workshop, user=someone, status=RSVPStatus.GOING)


def queries(team):
    now = timezone.now()
    counts = {}
    for code in CODES:
        with CaptureQueriesContext(connection) as captured:
            measure(code, now - timedelta(days=7), now + timedelta(hours=1), group_for(team))
        counts[code] = len(captured)
    return counts


def test_each_kpi_runs_the_same_queries_for_5_or_30_people():
    value()
    team = TeamFactory(name="Labo")
    ideas_page = challenge(phase="open")
    workshop = event(in_days=-1)
    activity(employees(5, team=team), ideas_page, workshop)
    queries(team)  # once first: content types are cached after their first lookup
    few = {"team": queries(team), "everyone": queries(None)}

    activity(employees(25, team=team), ideas_page, workshop)
    many = {"team": queries(team), "everyone": queries(None)}

    grown = {
        (group, code): (few[group][code], many[group][code])
        for group in few
        for code in CODES
        if few[group][code] != many[group][code]
    }
    assert grown == {}
