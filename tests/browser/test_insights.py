"""The managers' dashboard and the KPI chart, in a real browser, checked with axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insights.models import Objective, ObjectiveKPI
from insights.selectors import monday_of, week_bounds
from insights.services import snapshot_kpis
from tests.browser.steps import assert_accessible, sign_in
from tests.insights.factories import communicator
from tests.intranet.factories import home_page
from tests.people.factories import TeamFactory, employees, person
from tests.search.factories import search

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_reads_the_team_dashboard_with_the_keyboard(page):
    home_page()
    sales = TeamFactory(name="Sales")
    boss = person(team=sales, username="boss")
    employees(5, team=sales, manager=boss)
    sign_in(page, "boss")

    page.goto("/")
    page.get_by_test_id("my-teams-link").focus()  # the header leads managers there
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/insights/teams/$"))
    page.get_by_role("link", name="Sales").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Sales")
    expect(page.get_by_role("table").first).to_be_visible()
    assert_accessible(page)


def test_the_kpi_chart_has_a_text_alternative_and_a_data_table(page):
    home_page()
    week = monday_of(timezone.localdate())
    for someone in employees(5):
        search(someone, "congés", click=True, when=week_bounds(week)[0] + timedelta(hours=1))
    goal = Objective.objects.create(
        title="Mieux trouver", starts_on=week - timedelta(weeks=2), ends_on=week
    )
    ObjectiveKPI.objects.create(objective=goal, kpi="search_success", target=70)
    snapshot_kpis(weeks=[week - timedelta(weeks=1), week])
    communicator(username="claire")
    sign_in(page, "claire")

    page.goto("/admin/insights/kpis/")

    # The admin speaks French. The drawing is hidden from screen readers; its figure is named
    # by its caption and holds the same values as a table.
    chart = page.get_by_role("figure", name=re.compile("^Taux de recherches réussies, semaine"))
    expect(chart.locator("svg")).to_be_visible()
    assert chart.locator("svg").get_attribute("aria-hidden") == "true"
    expect(page.locator(".metric-card__value").first).to_have_text("100 %")
    chart.get_by_text("Tableau des données").click()
    expect(chart.get_by_role("cell", name="100", exact=True).first).to_be_visible()  # no ",0"
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate(
        "document.querySelector('.chart__svg').getBoundingClientRect().right <= innerWidth"
    )
    assert_accessible(page)
