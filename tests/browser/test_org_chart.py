"""The org chart in a browser: a tree one walks by following names, readable on a phone."""

import pytest

from tests.browser.steps import assert_accessible, sign_in
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db(transaction=True)


def no_sideways_scrolling(page) -> bool:
    return page.evaluate(
        "document.scrollingElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_an_employee_walks_the_org_chart_up_and_down_on_a_phone(page):
    team = TeamFactory(name="Direction des systèmes d’information et du numérique", slug="dsin")
    ceo = person(first_name="Anne", last_name="Arnaud", job_title="Directrice générale")
    cio = person(
        first_name="Bruno",
        last_name="Blanc-Delacroix-Montgolfier",
        job_title="Directeur des systèmes d’information",
        team=team,
        manager=ceo.profile,
    )
    person(first_name="David", last_name="Dumas", job_title="DRH", manager=ceo.profile)
    engineer = person(
        first_name="Chloé", last_name="Colin", job_title="Ingénieure", manager=cio.profile
    )
    page.set_viewport_size({"width": 320, "height": 700})
    sign_in(page, engineer.username)

    page.goto(f"/people/{cio.username}/org-chart/")

    chart = page.get_by_test_id("org-chart")
    assert "Bruno Blanc-Delacroix-Montgolfier" in chart.locator("[aria-current=true]").inner_text()
    assert chart.get_by_role("link", name="David Dumas", exact=True).is_visible()
    assert no_sideways_scrolling(page)
    assert_accessible(page)

    chart.get_by_role("link", name="Chloé Colin", exact=True).click()  # down to a report
    page.wait_for_url(f"**/people/{engineer.username}/org-chart/")
    assert (
        page.get_by_test_id("org-chart")
        .get_by_role("link", name="Anne Arnaud", exact=True)
        .is_visible()
    )
    page.get_by_test_id("org-chart").get_by_role(
        "link", name="Anne Arnaud", exact=True
    ).click()  # to the top
    page.wait_for_url(f"**/people/{ceo.username}/org-chart/")
    assert "2 collaborateurs directs" in page.get_by_test_id("org-chart").inner_text()
    page.set_viewport_size({"width": 1366, "height": 900})
    assert no_sideways_scrolling(page)
    assert_accessible(page)
