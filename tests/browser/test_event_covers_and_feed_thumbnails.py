"""On a 320 px phone: an event of a closed community with its cover (served through the
checked view) and the home feed with thumbnails pass axe-core with no violation of any
impact, every image loads, and nothing scrolls sideways."""

import pytest

from communities.models import Visibility
from tests.browser.steps import assert_no_violations, sign_in
from tests.communities.factories import community, event, post
from tests.images import wagtail_image
from tests.intranet.factories import home_page
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, UserFactory, kudos

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings):
    settings.ROOT_URLCONF = "tests.browser.media_urls"


def _images_loaded(page) -> list[str]:
    page.wait_for_load_state("load")
    for index in range(page.locator("#main img").count()):  # lazy ones load once in view
        page.locator("#main img").nth(index).scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.images].every((img) => img.complete)")
    broken = page.evaluate(
        """() => [...document.images]
            .filter((img) => img.naturalWidth === 0).map((img) => img.currentSrc || img.src)"""
    )
    assert not broken, f"Images that did not load: {broken}"
    return page.evaluate("() => [...document.images].map((img) => img.currentSrc || img.src)")


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url


def test_an_event_with_its_cover_and_the_home_feed_with_thumbnails_on_a_phone(page, media):
    home_page()
    sections()
    me = UserFactory(username="camille", first_name="Camille", last_name="Martin")
    me.profile.team = TeamFactory(name="Atelier")
    me.profile.save()
    group = community(name="Vélo au travail", visibility=Visibility.CLOSED, members=[me])
    workshop = event(
        group,
        in_days=1,
        title="Atelier réparation",
        place="Lyon",
        cover_image=wagtail_image("Vélo"),
        cover_decorative=True,  # as an uploaded cover: the title is written under it
    )
    event(group, in_days=2, title="Sortie sans image", place="Parc")
    publish_news(
        title="Le miel du siège",
        audience=[me.profile.team],
        cover_image=wagtail_image("Ruches", size=(800, 800)),
    )
    publish_news(title="Sans image")
    post(group, author=me, title="Qui vient samedi ?")
    kudos(UserFactory(username="lea", first_name="Léa", last_name="Rousseau"), me)
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, "camille")

    page.goto(workshop.get_absolute_url())
    sources = _images_loaded(page)
    assert any(f"/covers/event/{workshop.pk}/" in source for source in sources)
    hero = page.locator(".cover--hero img")
    assert hero.get_attribute("width") == "640" and hero.get_attribute("alt") == ""
    _fits(page)
    assert_no_violations(page)

    page.goto("/")
    sources = _images_loaded(page)
    feed = page.locator("[data-testid=home-feed]")
    thumbs = feed.locator(".feed-item__thumb")
    assert thumbs.count() >= 5
    assert feed.locator(".feed-item__thumb picture").count() >= 2  # the news and the event
    assert any("/covers/news/" in source for source in sources)  # for an audience: checked
    assert feed.locator(".feed-item__thumb img[src$='event.svg']").count() == 1
    _fits(page)
    assert_no_violations(page)
