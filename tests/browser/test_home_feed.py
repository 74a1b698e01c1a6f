"""The personal home feed and following in a real browser: a phone's width without sideways
scrolling, no accessibility violation, following a community from its page without JS help."""

import pytest
from playwright.sync_api import expect

from communities.models import Follow
from tests.browser.steps import assert_accessible, sign_in
from tests.communities.factories import community, event, post
from tests.intranet.factories import home_page
from tests.people.factories import UserFactory, kudos, person

pytestmark = pytest.mark.django_db(transaction=True)


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_the_home_feed_fits_a_phone_and_passes_axe(page):
    home_page()
    camille = UserFactory(username="camille", first_name="Camille")
    kitchen = community(name="Cuisine du monde", members=[camille])
    author = person(first_name="Dominique", last_name="Avec-un-nom-très-long-sans-espace")
    for number in range(3):
        post(kitchen, author=author, title=f"Recette numéro {number} " + "x" * 60).tags.add(
            "cuisine"
        )
    event(kitchen, in_days=2, title="Atelier pâtisserie")
    kudos(author, camille)
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, "camille")

    page.goto("/")

    feed = page.get_by_test_id("home-feed")
    expect(feed.locator("li[data-kind=post]")).to_have_count(3)
    expect(feed.locator("li[data-kind=event]")).to_have_count(1)
    assert no_sideways_scroll(page)
    assert_accessible(page)


def test_following_a_community_from_its_page(page):
    home_page()
    camille = UserFactory(username="camille", first_name="Camille")
    garden = community(name="Jardinage")
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, "camille")

    page.goto(garden.get_absolute_url())
    button = page.locator("form.follow-form button[aria-pressed=false]")
    button.click()

    expect(page.locator("form.follow-form button[aria-pressed=true]")).to_be_visible()
    assert Follow.objects.filter(user=camille, community=garden).exists()
    assert no_sideways_scroll(page)
    assert_accessible(page)
    page.goto("/communities/following/")
    expect(page.get_by_role("link", name="Jardinage")).to_be_visible()
    assert_accessible(page)
