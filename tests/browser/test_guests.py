"""A guest accepts their invitation on a phone: the page asks for a password, signs them in
and lands them on their page; every page of theirs fits 320 px and passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from people.guests import invite_guest
from people.models import GuestInvitation, invitation_token
from tests.browser.steps import assert_accessible
from tests.intranet.factories import home_page
from tests.people.factories import person

pytestmark = pytest.mark.django_db(transaction=True)


def fits_a_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_guest_chooses_a_password_on_a_phone_and_lands_on_their_page(page):
    home_page()
    animator = person(username="anne", first_name="Anne", last_name="Animatrice")
    expert = invite_guest(
        email="eva@partner.example",
        first_name="Eva",
        last_name="Experte",
        invited_by=animator,
        access_until=timezone.localdate() + timedelta(days=30),
        welcome="Anne vous invite dans la communauté Data.",
    )
    url = f"/people/guests/accept/{invitation_token(GuestInvitation.objects.get(user=expert))}/"
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(url)
    expect(page.get_by_text("Anne vous invite dans la communauté Data.")).to_be_visible()
    assert fits_a_phone(page)
    assert_accessible(page)
    page.locator("#id_new_password1").fill("une ruche au printemps")
    page.locator("#id_new_password2").fill("une ruche au printemps")
    page.locator(".sign-in button.button--primary").click()

    page.wait_for_url("**/people/guests/")
    expect(page.locator(".user-name .badge-guest")).to_be_visible()
    expect(page.locator("#site-search")).to_have_count(0)
    assert fits_a_phone(page)
    assert_accessible(page)

    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert fits_a_phone(page)
    assert_accessible(page)
