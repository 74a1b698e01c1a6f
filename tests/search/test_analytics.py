"""Search analytics for communicators, without exposing anybody's own searches."""

import pytest
from django.contrib.auth.models import Group, Permission

from search.models import SearchClick, SearchQueryLog
from search.query import Filters
from search.selectors import query_stats, weekly_trend
from search.services import log_search
from tests.frontend.tables import assert_stacked
from tests.people.factories import UserFactory


def searched(text, *, people, count=3, click=False):
    for _ in range(people):
        log = log_search(
            user=UserFactory(), text=text, filters=Filters(), count=count, source="page"
        )
        if click:
            SearchClick.objects.create(search=log, rank=1, kind="page", object_id="1")


@pytest.fixture
def communicator(db):
    group, _ = Group.objects.get_or_create(name="Communicators")
    group.permissions.add(Permission.objects.get(codename="view_search_analytics"))
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(group)
    return user


def test_top_queries_count_searches_and_distinct_people(db):
    searched("Télétravail", people=6, click=True)
    searched("cantine", people=5)

    stats = query_stats()

    assert [(s.query, s.searches, s.searchers, s.with_click) for s in stats] == [
        ("teletravail", 6, 6, 6),
        ("cantine", 5, 5, 0),
    ]


def test_a_query_made_by_fewer_than_five_people_is_never_shown(db):
    searched("salaire de jean dupont", people=4, count=0)

    assert query_stats() == []
    assert query_stats(only="zero") == []


def test_zero_result_and_unclicked_queries_are_listed_apart(db):
    searched("badge perdu", people=5, count=0)
    searched("mutuelle", people=5, count=4)
    searched("congés", people=5, count=4, click=True)

    assert [s.query for s in query_stats(only="zero")] == ["badge perdu"]
    assert [s.query for s in query_stats(only="unclicked")] == ["mutuelle"]


def test_the_weekly_trend_gives_zero_result_and_click_rates(db):
    searched("badge perdu", people=1, count=0)
    searched("mutuelle", people=3, count=4, click=True)

    [week] = weekly_trend()

    assert week["searches"] == 4
    assert week["zero_rate"] == 0.25
    assert week["click_rate"] == 0.75


def test_the_dashboard_is_for_communicators_only(client, communicator):
    searched("badge perdu", people=5, count=0)
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/search-analytics/").status_code in (302, 403)

    client.force_login(communicator)
    response = client.get("/admin/search-analytics/")

    assert response.status_code == 200
    assert "badge perdu" in response.content.decode()


def test_the_dashboard_compares_this_week_with_the_last_and_draws_the_weeks(client, communicator):
    from datetime import timedelta

    from django.utils import timezone

    searched("mutuelle", people=4, count=2, click=True)  # last week: 4 searches, 2 with no result
    searched("badge perdu", people=2, count=0)
    SearchQueryLog.objects.update(created_at=timezone.now() - timedelta(days=7))
    searched("cantine", people=5, count=3, click=True)  # this week: 6 searches, 1 with no result
    searched("parking", people=1, count=0)
    client.force_login(communicator)

    html = client.get("/admin/search-analytics/").content.decode()

    cards = html[html.index('<div class="metric-grid">') :]
    cards = cards[: cards.index("<figure")]
    assert '<p class="metric-card__value">6</p>' in cards
    # No result 16,7 % against 33,3 %: down, which is good; clicks 83,3 % against 66,7 %.
    assert '<p class="metric-card__value">16,7<span class="metric-card__unit"> %</span>' in cards
    assert 'metric-card__trend--down metric-card__trend--good"' in cards and "-16,6" in cards
    assert 'metric-card__trend--up metric-card__trend--good"' in cards and "+16,6" in cards
    assert html.count('<svg class="chart__svg"') == 2
    assert "<td>16,7</td><td>83,3</td>" in html  # the chart's data table


def test_logs_past_the_retention_period_are_purged(db, settings):
    from datetime import timedelta

    from django.utils import timezone

    from search.services import purge_old_search_logs

    searched("ancien", people=1)
    searched("récent", people=1)
    old = SearchQueryLog.objects.get(normalized_query="ancien")
    SearchQueryLog.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS + 1)
    )

    assert purge_old_search_logs() == 1
    assert list(SearchQueryLog.objects.values_list("normalized_query", flat=True)) == ["recent"]


def test_the_dashboards_tables_become_cards_on_phones(client, communicator):
    searched("cantine", people=5, count=3, click=True)
    client.force_login(communicator)

    html = client.get("/admin/search-analytics/").content.decode()

    assert assert_stacked(html, at_least=2)
    assert "frontend/css/tables" in html
