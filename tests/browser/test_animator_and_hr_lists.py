"""The animators' list of scheduled posts and HR's list of guests in a real browser: reached
from their links, they pass axe-core and fit a 320 px screen without sideways scrolling."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from communities.services.guests import invite_guest_into
from tests.browser.steps import assert_accessible, sign_in
from tests.communities.factories import community, post
from tests.people.factories import person

pytestmark = pytest.mark.django_db(transaction=True)


def assert_fits_a_phone(page) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_animator_opens_the_scheduled_posts_and_edits_one(page):
    anne = person(username="anne", first_name="Anne", last_name="Animatrice")
    kitchen = community(name="Cuisine", animators=[anne])
    later = post(
        kitchen,
        author=anne,
        title="Le menu de la semaine prochaine",
        publish_at=timezone.now() + timedelta(days=3),
    )
    sign_in(page, "anne")

    page.goto(kitchen.get_absolute_url())
    page.locator(".community-nav a[href$='/posts/scheduled/']").click()

    listed = page.locator("[data-testid=scheduled-posts] li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Le menu de la semaine prochaine")
    assert_accessible(page)
    assert_fits_a_phone(page)
    listed.locator(f"a[href$='/posts/{later.pk}/edit/']").click()
    expect(page.locator("#id_title")).to_have_value("Le menu de la semaine prochaine")


def test_hr_opens_the_list_of_guests_from_the_directory(page):
    anne = person(username="anne", first_name="Anne", last_name="Animatrice")
    person(username="rita", first_name="Rita", last_name="Humaine", groups=["HR"])
    kitchen = community(name="Cuisine", animators=[anne])
    invite_guest_into(
        community=kitchen,
        email="eva@partner.example",
        first_name="Eva",
        last_name="Experte",
        access_until=timezone.localdate() + timedelta(days=30),
        by=anne,
    )
    sign_in(page, "rita")

    page.goto("/people/")
    page.locator("a[href='/people/guests/list/']").click()

    card = page.locator("[data-testid=guests] li")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Eva Experte")
    expect(card).to_contain_text("eva@partner.example")
    expect(card.locator(f"a[href='{kitchen.get_absolute_url()}']")).to_have_text("Cuisine")
    assert_accessible(page)
    assert_fits_a_phone(page)
