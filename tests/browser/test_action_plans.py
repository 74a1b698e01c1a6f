"""Action plans in a real browser, checked with axe-core: a communicator opens an action from
a signal of the admin's report, and an employee reads “Vous avez dit, nous avons fait”."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from insights.actions.models import Action
from insights.actions.services import action_record_progress
from insights.selectors import last_complete_week, week_bounds
from tests.browser.steps import assert_no_violations, fits_its_width, page_problems, sign_in
from tests.insights.actions.factories import action
from tests.insights.factories import communicator
from tests.intranet.factories import home_page
from tests.people.factories import employees, person
from tests.search.factories import search

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_communicator_opens_an_action_from_a_signal(page):
    home_page()
    when = week_bounds(last_complete_week())[0] + timedelta(hours=30)
    for someone in employees(5):
        # Searches that found nothing, two weeks running: a recurring signal.
        search(someone, "parking", results=0, when=when)
        search(someone, "parking", results=0, when=when - timedelta(days=7))
    communicator(username="claire")
    sign_in(page, "claire")

    page.goto("/admin/insights/signals/")
    row = page.get_by_role("row").filter(has_text="parking").last
    row.get_by_role("link", name=re.compile("^Ouvrir une action")).click()

    expect(page).to_have_url(re.compile(r"/insights/actions/new/\?source_kind=zero_results"))
    expect(page.get_by_label("Ce dont on a parlé")).to_have_value("parking")
    expect(page.get_by_label("Personnes concernées")).to_have_value("5")
    assert_no_violations(page)
    page.get_by_label(re.compile("^Action")).fill("Un parking à vélos couvert")
    page.get_by_label("Échéance").fill("2031-01-01")
    page.get_by_label("L'afficher sur « Vous avez dit, nous avons fait »").check()
    page.get_by_role("button", name="Ouvrir l'action").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Un parking à vélos couvert")
    expect(page.get_by_test_id("action-source")).to_contain_text(
        "5 personnes ont cherché « parking » sans rien trouver"
    )
    expect(page.get_by_role("button", name="Ne plus suivre")).to_be_visible()  # the opener follows
    assert Action.objects.get().source_week == last_complete_week()
    assert_no_violations(page)


def test_an_employee_reads_you_said_we_did_on_a_phone(page):
    home_page()
    claire = communicator(username="claire")
    done = action(opener=claire, title="Parking à vélos", public=True)
    action_record_progress(action=done, author=claire, status="done", outcome="40 places")
    action(opener=claire, title="Navette du soir", public=True)
    person(username="emma")
    sign_in(page, "emma")
    page.set_viewport_size({"width": 320, "height": 800})

    page.goto("/insights/actions/you-said-we-did/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Vous avez dit, nous avons fait")
    items = page.get_by_test_id("yswd-list").get_by_role("listitem")
    expect(items.first).to_contain_text("Parking à vélos")
    expect(items.first).to_contain_text("23 personnes ont parlé de « parking »")
    expect(items.first).to_contain_text("Faite")
    page.get_by_label("Statut").select_option("in_progress")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("Rien à montrer pour l'instant.")).to_be_visible()
    page.get_by_label("Statut").select_option("done")
    page.get_by_role("button", name="Filtrer").click()
    expect(items).to_have_count(1)
    assert fits_its_width(page)
    assert not page_problems(page)
    assert_no_violations(page)
