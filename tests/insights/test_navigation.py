"""The header links to the managers' dashboard for those who manage a team, at no query cost:
whether someone manages is loaded with the signed-in user, in the query that loads them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.people.factories import TeamFactory, UserFactory, person

pytestmark = pytest.mark.django_db

LINK = 'href="/insights/teams/"'


@pytest.fixture
def sales():
    sales = TeamFactory(name="Sales")
    boss = person(team=sales)
    report = person(team=sales, manager=boss)
    return {"team": sales, "boss": boss, "report": report}


def page(client, user) -> tuple[str, list[str]]:
    """The notifications page as `user` sees it, and the SQL it ran."""
    client.force_login(user)
    client.get("/notifications/")  # warm what every first page loads once
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/notifications/").content.decode()
    return html, [query["sql"] for query in queries]


def test_a_manager_sees_the_link_to_their_teams_and_an_employee_does_not(client, sales):
    manager_html, _sql = page(client, sales["boss"])
    employee_html, _sql = page(client, sales["report"])

    assert LINK in manager_html
    assert LINK not in employee_html
    assert client.get("/insights/teams/").status_code == 403  # what the link would open


def test_superusers_see_the_link_as_the_dashboard_lets_them_in(client, sales):
    html, _sql = page(client, UserFactory(is_superuser=True))

    assert LINK in html


def test_the_link_costs_no_query_it_is_known_with_the_user(client, sales):
    _html, as_manager = page(client, sales["boss"])
    _html, as_employee = page(client, sales["report"])

    assert len(as_employee) == len(as_manager)
    asking = [sql for sql in as_employee if '"manager_id"' in sql]
    assert len(asking) == 1 and 'FROM "auth_user"' in asking[0]  # the query loading the user


def test_the_link_goes_when_the_last_report_leaves(client, sales):
    report = sales["report"].profile
    report.manager = None
    report.save()

    html, _sql = page(client, sales["boss"])

    assert LINK not in html


def test_a_user_loaded_elsewhere_is_asked_once(sales, django_assert_num_queries):
    from django.contrib.auth import get_user_model

    from insights.selectors import may_open_team_dashboards

    boss = get_user_model().objects.get(pk=sales["boss"].pk)
    report = get_user_model().objects.get(pk=sales["report"].pk)

    with django_assert_num_queries(2):
        assert may_open_team_dashboards(boss) and may_open_team_dashboards(boss)
        assert not may_open_team_dashboards(report) and not may_open_team_dashboards(report)
