"""Covers in a real browser: the news page and the community directory with images pass
axe-core, every image loads (the AVIF or WebP source the browser picks), and nothing moves
when the images arrive (no layout shift: the boxes are reserved by width and height; the
images are cut out of the page as it is parsed, so that none has arrived yet)."""

import time

import pytest

from tests.browser.steps import assert_accessible, sign_in
from tests.communities.factories import community
from tests.images import wagtail_image
from tests.intranet.factories import home_page
from tests.news.factories import publish_news, sections
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Where each image and what follows it stand in the content (the header may settle on its
# own) before any image has arrived (the document is
# parsed, the stylesheets applied) and once all have: the same boxes, or the layout shifted.
BOXES = """
window.__boxes = () => [...document.querySelectorAll("#main img")].flatMap((img) => {
    const top = document.getElementById("main").getBoundingClientRect().top;
    const box = img.closest(".cover") || img;
    return [box, box.nextElementSibling].filter(Boolean).map((element) => {
        const rect = element.getBoundingClientRect();
        return [Math.round(rect.top - top), Math.round(rect.height)];
    });
});
document.addEventListener("DOMContentLoaded", () => {
    window.__before = window.__boxes();
    window.__waiting = [...document.querySelectorAll("#main picture img")]
        .filter((img) => !img.complete).length;
});
"""


@pytest.fixture
def media(settings, page):
    """Media files served, a little late: the page is laid out before they arrive."""
    settings.ROOT_URLCONF = "tests.browser.media_urls"

    def late(route):
        time.sleep(0.3)
        route.continue_()

    page.route("**/media/**", late)


def _all_images_loaded(page) -> None:
    page.wait_for_load_state("load")
    for index in range(page.locator("#main img").count()):  # lazy ones load once in view
        page.locator("#main img").nth(index).scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.images].every((img) => img.complete)")
    broken = page.evaluate(
        """() => [...document.images]
            .filter((img) => !img.complete || img.naturalWidth === 0)
            .map((img) => img.currentSrc || img.src)"""
    )
    assert not broken, f"Images that did not load: {broken}"


def _chosen_formats(page) -> set[str]:
    sources = page.evaluate("() => [...document.images].map((img) => img.currentSrc)")
    return {source.rsplit(".", 1)[-1] for source in sources if "/media/" in source}


def test_the_news_page_and_index_with_covers_pass_axe_without_layout_shift(page, media):
    sections()
    UserFactory(username="camille")
    cover = wagtail_image("Ruches", description="Trois ruches sur le toit du siège")
    news = publish_news(title="Le miel du siège", cover_image=cover)
    publish_news(title="Sans image")
    page.add_init_script(BOXES)
    sign_in(page, "camille")

    for url in (news.url, "/actualites/"):
        page.goto(url)
        _all_images_loaded(page)
        assert _chosen_formats(page) <= {"avif", "webp"} and _chosen_formats(page)
        assert page.evaluate("window.__waiting") > 0
        assert page.evaluate("window.__before") == page.evaluate("window.__boxes()")
        assert_accessible(page)
    hero = page.goto(news.url) and page.locator(".cover--hero img")
    assert hero.get_attribute("alt") == "Trois ruches sur le toit du siège"


def test_the_community_directory_with_covers_passes_axe_on_a_phone(page, media):
    home_page()
    UserFactory(username="camille")
    for name in ("Vélo au travail", "Jardin partagé", "Chorale"):
        community(name=name, cover=wagtail_image(name, size=(1200, 675)))
    community(name="Sans image")
    page.set_viewport_size({"width": 320, "height": 800})
    page.add_init_script(BOXES)
    sign_in(page, "camille")

    page.goto("/communities/")
    _all_images_loaded(page)

    assert page.locator("[data-testid=community-list] picture").count() == 3
    assert page.evaluate("window.__waiting") > 0
    assert page.evaluate("window.__before") == page.evaluate("window.__boxes()")
    chosen = page.evaluate(
        "() => [...document.querySelectorAll('.cover--card picture img')].map((i) => i.currentSrc)"
    )
    assert len(chosen) == 3 and all("fill-400x225" in source for source in chosen)  # 320 px
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits
    assert_accessible(page)
