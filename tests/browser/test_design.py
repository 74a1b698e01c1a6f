"""The design system in a real browser: the styleguide and the home page at a small phone's,
a phone's and a laptop's width, in light and dark colour schemes, never scroll sideways and
have no axe-core violation of any impact; the phone menu opens and signing out takes one
click from the profile menu. Screenshots: test-artifacts/screenshots/design-*.png."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.steps import assert_no_violations, fits_its_width, load_lazy_images, sign_in
from tests.intranet.factories import home_page
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (320, 390, 1366)
PAGES = {"styleguide": "/styleguide/", "home": "/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_styleguide_and_the_home_page_fit_every_width_and_pass_axe(page, scheme):
    UserFactory(username="camille", first_name="Camille", last_name="Martin")
    home_page()
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    sign_in(page, "camille")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    for name, path in PAGES.items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            load_lazy_images(page)  # a full-page screenshot does not scroll to them
            page.screenshot(
                path=str(SCREENSHOTS / f"design-{name}-{width}-{scheme}.png"), full_page=True
            )
            assert fits_its_width(page), f"{path} scrolls sideways at {width} px ({scheme})"
            header = page.locator(".site-header").bounding_box()
            if width < 768:
                assert header["height"] <= 64, f"header {header['height']} px high at {width}"
                expect(page.locator(".bottom-bar")).to_be_visible()
            assert_no_violations(page)


def test_the_styleguide_shows_its_dialog_as_a_modal_with_javascript(page):
    UserFactory(username="camille")
    home_page()
    sign_in(page, "camille")
    page.goto("/styleguide/")

    dialog = page.locator("#sample-dialog")
    expect(dialog).to_be_hidden()
    page.locator("a[href='#sample-dialog']").click()
    expect(dialog).to_be_visible()
    assert page.evaluate("document.querySelector('#sample-dialog').matches(':modal')")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_on_a_phone_the_menu_opens_and_signing_out_takes_one_click(page):
    UserFactory(username="camille", first_name="Camille", last_name="Martin")
    home_page()
    page.set_viewport_size({"width": 390, "height": 800})
    sign_in(page, "camille")

    people = page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Personnes"
    )
    expect(people).to_be_hidden()
    page.locator(".site-menu summary").click()
    expect(people).to_be_visible()
    expect(page.get_by_role("combobox", name="Rechercher dans Ruche")).to_be_visible()
    for target in page.locator(".bottom-bar a, .site-menu summary, .profile-menu summary").all():
        box = target.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, target.inner_text()
    assert_no_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "design-phone-menu-open.png"))

    page.locator(".profile-menu summary").click()
    expect(page.locator(".site-menu")).not_to_have_attribute("open", "")  # one menu at a time
    expect(page.get_by_label("Langue")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "design-phone-profile-menu-open.png"))
    page.get_by_role("button", name="Se déconnecter").click()

    expect(page).to_have_url(re.compile(r"/accounts/(login|logout)/"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_the_bottom_bar_leads_to_the_four_main_places_and_marks_the_current_one(page):
    UserFactory(username="camille")
    home_page()
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, "camille")

    bar = page.locator("nav.bottom-bar")
    expect(bar.get_by_role("link")).to_have_count(4)
    expect(bar.get_by_role("link").first).to_have_attribute("aria-current", "page")  # home
    bar.locator("a[href='/search/']").click()
    expect(page).to_have_url(re.compile(r"/search/"))
    expect(bar.locator("a[href='/search/']")).to_have_attribute("aria-current", "page")
    assert fits_its_width(page)


def test_without_javascript_the_menus_work_and_the_dialog_is_a_section_of_the_page(
    browser, live_server
):
    UserFactory(username="camille", first_name="Camille", last_name="Martin")
    home_page()
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        java_script_enabled=False,
        viewport={"width": 320, "height": 640},
    )
    page = context.new_page()
    sign_in(page, "camille")

    page.goto("/styleguide/")
    expect(page.locator("#sample-dialog")).to_be_visible()  # <dialog open>, in the page
    page.locator("#sample-dialog [data-dialog-close]").click()  # method="dialog" closes it
    expect(page.locator("#sample-dialog")).to_be_hidden()
    assert fits_its_width(page)

    people = page.locator(".main-nav a[href='/people/']")
    expect(people).to_be_hidden()
    page.locator(".site-menu summary").click()
    expect(people).to_be_visible()
    page.locator(".profile-menu summary").click()
    page.get_by_role("button", name="Se déconnecter").click()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    context.close()
