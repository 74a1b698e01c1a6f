"""The page that tells every employee what is analysed, in a real browser: reached from the
footer, no axe-core violation of any kind, and no sideways scrolling at 320 px."""

import pytest
from playwright.sync_api import expect

from insights.models import ListeningSettings
from tests.browser.steps import assert_no_violations, fits_its_width, page_problems, sign_in
from tests.intranet.factories import home_page
from tests.people.factories import person

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_employee_reaches_what_we_analyse_from_the_footer_and_reads_it_at_320_px(page):
    home_page()
    setting = ListeningSettings.load()
    setting.frustration_analysis, setting.agreement = False, "accord du 12 mars 2026"
    setting.save()
    person(username="lea")
    sign_in(page, "lea")

    page.goto("/")
    page.get_by_test_id("transparency-link").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ce que nous analysons, et ce que nous ne faisons jamais"
    )
    expect(page.get_by_test_id("switch-frustration")).to_contain_text("désactivée")
    expect(page.get_by_test_id("agreement")).to_contain_text("accord du 12 mars 2026")
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert fits_its_width(page)
    assert page_problems(page) == []
    assert_no_violations(page)
