"""Forms and filters on a 320 px phone in a real browser: an invalid form comes back with its
error summary (focused, linked to the fields), what was typed kept, then goes through; the
search page's filter drawer, closed after the results, opens and filters by links. Strict
axe (every impact, best practices) and no sideways scrolling at each step. Elements are found
by their fields, ids and marks, not by their (translated) words."""

import re

import pytest
from playwright.sync_api import expect

from people.models import Kudos
from search.indexing import rebuild
from tests.browser.steps import assert_no_violations, sign_in
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import person, value

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 640}


def assert_fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    assert_no_violations(page)


def test_kudos_sent_empty_come_back_with_the_summary_then_go_through_on_a_phone(page):
    person(username="camille", first_name="Camille", last_name="Martin")
    person(username="olivier", first_name="Olivier", last_name="Petit")
    chosen = value("Coopération")
    value("Audace")
    sign_in(page, "olivier")
    page.set_viewport_size(PHONE)

    page.goto("/people/camille/")
    form = page.locator("form.kudos-form")
    form.locator(f"input[name=value][value='{chosen.pk}']").check()
    form.locator("button[type=submit]").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # read first by screen readers, reached by the keyboard
    expect(page.locator(f"input[name=value][value='{chosen.pk}']")).to_be_checked()
    message = page.locator("#id_message")
    expect(message).to_have_attribute("aria-invalid", "true")
    expect(message).to_have_attribute("aria-describedby", "id_message-error")
    assert_fits(page)

    summary.locator("a[href='#id_message']").click()
    expect(message).to_be_focused()
    message.fill("Merci pour le dossier !")
    page.locator("form.kudos-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/people/camille/$"))
    assert Kudos.objects.filter(message="Merci pour le dossier !").count() == 1
    assert_fits(page)


def test_the_search_filter_drawer_follows_the_results_on_a_phone_and_filters_by_links(page):
    person(username="camille")
    home = home_page()
    for number, tag in enumerate(["RH", "RH", "informatique"]):
        publish_standard_page(
            title=f"Télétravail {number}",
            body_html="<p>Trois jours de télétravail par semaine.</p>",
            parent=home,
            tags=[tag],
        )
    rebuild()
    sign_in(page, "camille")
    page.set_viewport_size(PHONE)

    page.goto("/search/?q=t%C3%A9l%C3%A9travail")
    drawer = page.locator("details.filter-drawer")
    expect(page.get_by_test_id("search-result")).to_have_count(3)
    expect(drawer).not_to_have_attribute("open", re.compile(".*"))
    expect(drawer.locator(".facet-list").first).to_be_hidden()
    results_bottom = page.locator(".search-results").bounding_box()
    assert drawer.bounding_box()["y"] >= results_bottom["y"] + results_bottom["height"]
    assert_fits(page)

    drawer.locator("summary").click()
    tag = drawer.locator(".facet-list a", has_text="RH").first
    expect(tag).to_be_visible()
    assert_fits(page)
    tag.click()

    expect(page.get_by_test_id("search-result")).to_have_count(2)
    drawer = page.locator("details.filter-drawer")
    expect(drawer.locator(".filter-drawer__count")).to_contain_text("1")
    drawer.locator("summary").click()
    expect(drawer.locator(".facet-list a[aria-current=true]")).to_have_count(1)
    assert_fits(page)
    drawer.locator(".filter-drawer__clear a").click()
    expect(page.get_by_test_id("search-result")).to_have_count(3)
    expect(page.locator(".filter-drawer__count")).to_have_count(0)
