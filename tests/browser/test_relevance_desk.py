"""The relevance desk in a real browser: an editor tries a query in the admin, sees its ranked
results, adds a synonym and is told so; the page passes axe and fits a phone."""

import re

import pytest
from playwright.sync_api import expect

from search.models import Synonym
from tests.browser.steps import assert_accessible, sign_in
from tests.intranet.factories import home_page, publish_standard_page
from tests.news.factories import sections
from tests.people.factories import person

pytestmark = pytest.mark.django_db(transaction=True)


def fits_a_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_editor_tries_a_query_and_adds_a_synonym_from_the_desk(page, reindex):
    home = home_page()
    publish_standard_page(
        title="General Data Protection Regulation",
        body_html="<p>What the GDPR means for your customer files.</p>",
        parent=home,
        language="en",
    )
    publish_standard_page(
        title="Télétravail : la charte",
        body_html="<p>Trois jours de télétravail par semaine.</p>",
        parent=home,
        language="fr",
    )
    sections()  # the roles' rights: admin access, synonyms and the desk for editors
    person(username="edith", groups=["Editors"])
    reindex()  # the browser tests have no worker to index the pages
    sign_in(page, "edith")

    page.goto("/admin/relevance-desk/")
    page.get_by_test_id("desk-query-form").get_by_role("textbox").fill("télétravail")
    page.get_by_test_id("desk-query-form").get_by_role("button").click()

    results = page.get_by_test_id("desk-result")
    expect(results.first).to_contain_text("#1")
    expect(results.first).to_contain_text("Télétravail : la charte")
    assert_accessible(page)

    page.goto("/admin/relevance-desk/?q=RGPD")
    expect(page.get_by_test_id("desk-result")).to_have_count(0)
    form = page.get_by_test_id("desk-synonym-form")
    form.get_by_role("textbox").fill("RGPD\nGDPR")
    form.get_by_role("button").click()

    expect(page.locator(".messages")).to_contain_text("RGPD, GDPR")
    expect(page).to_have_url(re.compile(r"/admin/relevance-desk/\?q=RGPD$"))
    expect(page.get_by_test_id("desk-result").first).to_contain_text(
        "General Data Protection Regulation"
    )
    assert Synonym.objects.get().term_list == ["RGPD", "GDPR"]
    assert_accessible(page)

    page.set_viewport_size({"width": 320, "height": 640})
    assert fits_a_phone(page)
