"""A communicator turns a built-in objective on, then reads its KPIs by team, in a real
browser at 320 px, checked with axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insights.models import Objective
from insights.selectors import monday_of, week_bounds
from insights.services import snapshot_kpis
from tests.browser.steps import assert_accessible, sign_in
from tests.insights.factories import communicator
from tests.intranet.factories import home_page
from tests.people.factories import TeamFactory, employees
from tests.search.factories import search

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_communicator_turns_an_objective_on_and_reads_it_by_team(page):
    home_page()
    week = monday_of(timezone.localdate())
    when = week_bounds(week)[0] + timedelta(hours=1)
    for name in ["Ventes", "Support"]:
        for someone in employees(5, team=TeamFactory(name=name)):
            search(someone, "congés", results=0, when=when)
    for someone in employees(5):
        search(someone, "congés", when=when)
    communicator(username="claire")
    sign_in(page, "claire")
    page.set_viewport_size({"width": 320, "height": 800})

    page.goto("/admin/insights/objectives/templates/")
    assert_accessible(page)
    page.get_by_role("button", name="Activer « Partage de l'information »").click()
    expect(page).to_have_url(re.compile(r"/admin/snippets/insights/objective/edit/\d+/$"))
    goal = Objective.objects.get(template="information_sharing")
    Objective.objects.filter(pk=goal.pk).update(starts_on=week)
    snapshot_kpis(weeks=[week])

    page.goto("/admin/insights/kpis/")
    breakdown = page.get_by_test_id("breakdown-zero_results")
    expect(breakdown.get_by_role("cell", name="Ventes")).to_be_visible()
    expect(breakdown.get_by_role("cell", name="Support")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
    assert_accessible(page)
