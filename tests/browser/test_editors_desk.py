"""The editors' desk in a real browser: an editor opens it from the admin's menu, sees a page
past its review date with its owner, follows the link to its editor; the desk passes axe
(serious and critical: the admin around it is Wagtail's) and fits a phone."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.steps import assert_accessible, fits_its_width, sign_in
from tests.intranet.factories import editors_group, publish_standard_page
from tests.news.factories import sections
from tests.people.factories import person

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_finds_a_stale_page_on_the_desk_and_opens_its_editor(page):
    sections()
    editors_group()  # its grants on the root are gone once a transactional test emptied them
    person(username="edith", groups=["Editors"])
    owner = person(username="odile", first_name="Odile", last_name="Martin")
    stale = publish_standard_page(title="Procédure de remboursement", owner=owner)
    stale.review_date = timezone.localdate() - timedelta(days=30)
    stale.save_revision().publish()
    sign_in(page, "edith")

    page.goto("/admin/")
    expect(page.get_by_test_id("desk-panel")).to_be_visible()
    page.goto("/admin/desk/")
    section = page.get_by_test_id("desk-stale-pages")
    expect(section.get_by_test_id("desk-count")).to_have_text("1")
    expect(section).to_contain_text("Odile Martin")
    assert_accessible(page)

    page.set_viewport_size({"width": 320, "height": 640})
    assert fits_its_width(page)

    section.get_by_role("link", name="Procédure de remboursement").click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{stale.pk}/edit/$"))
