"""KPIs of the information-sharing objective, computed from logged searches and clicks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insights.kpis import measure
from insights.selectors import group_for
from search.models import SearchClick
from tests.intranet.factories import dated
from tests.people.factories import TeamFactory, employees
from tests.search.factories import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def kpi():
    now = timezone.now()

    def measured(code, team=None):
        return measure(code, now - timedelta(days=7), now + timedelta(hours=1), group_for(team))

    return measured


def searched(user, text, *, at, click_after=None, results=3):
    """A search at `at`, its first result clicked `click_after` later (None: no click)."""
    log = dated(search(user, text, results=results), at)
    if click_after is not None:
        click = SearchClick.objects.create(search=log, rank=1, kind="page", object_id="1")
        dated(click, at + click_after)
    return log


def test_a_search_succeeds_at_the_first_try_when_clicked_and_not_searched_again(kpi):
    people = employees(5)
    base = timezone.now() - timedelta(days=2)
    for index, someone in enumerate(people):
        at = base + timedelta(hours=index)
        # Clicked and nothing searched in the two minutes after: a success.
        searched(someone, "congés", at=at, click_after=timedelta(seconds=10))
    # Clicked, but searched again a minute later: a reformulation, then a success.
    searched(people[0], "conges", at=base + timedelta(days=1), click_after=timedelta(seconds=5))
    searched(
        people[0],
        "congés payés",
        at=base + timedelta(days=1, minutes=1),
        click_after=timedelta(seconds=30),
    )
    # No click at all.
    searched(people[1], "cantine", at=base + timedelta(days=1, hours=2))

    result = kpi("search_first_try")
    assert result.value == round(100 * 6 / 8, 1)  # 8 searches, 6 clicked and not followed
    assert result.people == 5
    assert kpi("search_success").value == round(100 * 7 / 8, 1)  # the plain click rate


def test_a_search_again_after_the_two_minutes_is_a_new_question_not_a_reformulation(kpi):
    people = employees(5)
    base = timezone.now() - timedelta(days=1)
    for someone in people:
        searched(someone, "badge", at=base, click_after=timedelta(seconds=3))
        searched(
            someone, "parking", at=base + timedelta(minutes=3), click_after=timedelta(seconds=3)
        )

    assert kpi("search_first_try").value == 100.0


def test_median_time_to_the_first_click_over_the_clicked_searches(kpi):
    people = employees(5)
    base = timezone.now() - timedelta(days=3)
    for index, delay in enumerate([4, 8, 12, 30, 60]):
        log = searched(
            people[index],
            "note de frais",
            at=base + timedelta(hours=index),
            click_after=timedelta(seconds=delay),
        )
        # A second click later on the same search does not change its first click.
        dated(
            SearchClick.objects.create(search=log, rank=2, kind="page", object_id="2"),
            base + timedelta(hours=index, minutes=5),
        )
    searched(people[0], "rien", at=base + timedelta(days=1), results=0)  # no click: no delay

    result = kpi("first_click_seconds")
    assert result.value == 12.0
    assert result.people == 5


def test_search_kpis_are_withheld_under_the_floor_and_a_team_counts_its_members_only(kpi):
    support = TeamFactory(name="Support")
    members = employees(5, team=support)
    outsiders = employees(4)
    base = timezone.now() - timedelta(days=1)
    for index, someone in enumerate(members):
        searched(someone, "vpn", at=base + timedelta(hours=index), click_after=timedelta(seconds=2))
    for index, someone in enumerate(outsiders):
        searched(someone, "vpn", at=base + timedelta(hours=index), click_after=None)

    assert kpi("search_first_try", support).value == 100.0
    assert kpi("first_click_seconds", support).value == 2.0
    assert kpi("search_first_try").value == round(100 * 5 / 9, 1)
    # Four searchers only: withheld, though they searched.
    few = TeamFactory(name="Paie")
    for someone in employees(4, team=few):
        searched(someone, "paie", at=base, click_after=timedelta(seconds=1))
    withheld = kpi("search_first_try", few)
    assert withheld.value is None
    assert withheld.people == 4
