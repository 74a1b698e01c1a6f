"""The notification centre in a real browser: the header count, reading, preferences."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import assert_accessible, sign_in
from tests.intranet.factories import home_page
from tests.notifications.factories import notice
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_employee_sees_the_unread_count_reads_notices_and_chooses_a_digest(page):
    home_page()
    camille = UserFactory(username="camille", first_name="Camille")
    notice(camille, key="a", message="Votre idée « Vélos » est retenue", url="/")
    notice(camille, key="b", message="Léa vous remercie", url="/")
    sign_in(page, "camille")

    link = page.get_by_test_id("notifications-link")
    expect(link).to_have_text(re.compile(r"Notifications \(2 \w+"))
    link.click()
    expect(page.get_by_test_id("notification")).to_have_count(2)
    assert_accessible(page)

    page.get_by_role("button", name=re.compile("Léa vous remercie")).click()
    expect(page.get_by_test_id("notifications-link")).to_have_text(
        re.compile(r"Notifications \(1 \w+")
    )
    page.locator("form[action='/notifications/read-all/'] button").click()
    expect(page.get_by_test_id("notifications-link")).to_have_text("Notifications")

    page.goto("/notifications/preferences/")
    assert_accessible(page)
    page.locator("input[name=cadence][value=daily]").check()
    page.locator("form:has(input[name=cadence]) button[type=submit]").click()
    expect(page.locator("input[name=cadence][value=daily]")).to_be_checked()


def test_a_notice_about_something_no_longer_open_reads_as_unavailable(page):
    home_page()
    camille = UserFactory(username="camille", first_name="Camille")
    notice(camille, key="gone", message="Idée supprimée", target_kind="ideas.idea", target_id=0)
    sign_in(page, "camille")

    page.goto("/notifications/")

    item = page.get_by_test_id("notification")
    expect(item.locator(".notification__gone")).to_be_visible()  # the neutral line
    expect(item).not_to_contain_text("Idée supprimée")
    expect(item.get_by_role("link")).to_have_count(0)
    assert_accessible(page)
