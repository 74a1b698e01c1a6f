"""Signing in, switching language, searching and publishing, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from search.indexing import rebuild
from tests.browser.steps import CSP_LISTENER, assert_accessible, sign_in
from tests.intranet.factories import editors_group, home_page, publish_standard_page
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_employee_signs_in_sees_the_home_page_and_signs_out(page):
    UserFactory(username="camille", first_name="Camille")
    home_page()

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    assert_accessible(page)
    sign_in(page, "camille")

    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")
    assert_accessible(page)
    page.locator(".profile-menu summary").click()  # the profile menu holds the sign-out
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion à Ruche")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_the_language_switcher_turns_the_interface_into_english(page):
    UserFactory(username="camille", first_name="Camille")
    home_page()
    sign_in(page, "camille")

    page.locator(".profile-menu summary").click()  # the switcher is in the profile menu
    page.get_by_label("Langue").select_option("en")

    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Camille")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_search_suggests_as_you_type_and_narrows_with_facets(page):
    UserFactory(username="camille")
    home = home_page()
    charter = publish_standard_page(
        title="Télétravail : la charte",
        body_html="<p>Trois jours de télétravail par semaine.</p>",
        parent=home,
        tags=["RH"],
    )
    publish_standard_page(
        title="Télétravail et sécurité",
        body_html="<p>VPN obligatoire.</p>",
        parent=home,
        tags=["informatique"],
    )
    rebuild()
    sign_in(page, "camille")

    box = page.get_by_role("combobox", name="Rechercher dans Ruche")
    box.fill("télétr")
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option")).to_have_count(2)
    box.press("Enter")
    expect(page.locator("#results-title")).to_contain_text("2 résultats")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^RH")).click()
    expect(page.get_by_test_id("search-result")).to_have_count(1)
    page.get_by_test_id("search-result").get_by_role("link").click()
    expect(page).to_have_url(re.compile(re.escape(charter.url) + "$"))


def test_an_editor_publishes_a_page_from_the_wagtail_admin(page):
    home = home_page()
    editor = UserFactory(username="elise")
    editor.groups.add(editors_group())
    sign_in(page, "elise")

    page.goto(f"/admin/pages/add/intranet/standardpage/{home.pk}/")
    page.locator("#id_title").fill("Nouvelle cantine")
    page.locator("#id_title").blur()  # Wagtail fills the slug from the title on blur
    expect(page.locator("#id_slug")).to_have_value("nouvelle-cantine")
    page.locator("footer [data-w-dropdown-target=toggle]").click()
    page.get_by_role("button", name=re.compile("^(Publier|Publish)")).click()
    expect(page.locator(".messages")).to_contain_text("Nouvelle cantine")

    page.goto("/nouvelle-cantine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle cantine")


def test_the_browser_refuses_inline_script_on_the_site_and_the_suite_hears_of_it(
    browser, live_server
):
    """The header is enforced by a real browser, and reported where the page fixture listens."""
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text))
    page.goto("/accounts/login/")

    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.injected = true"; document.body.append(s); }"""
    )
    page.wait_for_timeout(200)

    assert page.evaluate("window.injected === undefined")
    assert any("CSP violation: script-src" in text for text in errors), errors
    context.close()


def test_the_api_docs_run_under_the_strict_policy(page):
    """Swagger UI is served from Ruche's static files; the fixture fails on any violation."""
    UserFactory(username="camille")
    home_page()
    sign_in(page, "camille")

    page.goto("/api/docs")

    expect(page.get_by_text("/api/search/", exact=False).first).to_be_visible()


def test_the_not_found_page_is_accessible_and_fits_a_phone(page):
    UserFactory(username="camille")
    home_page()
    sign_in(page, "camille")
    page.set_viewport_size({"width": 320, "height": 640})

    response = page.goto("/nulle-part/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Cette page n’existe pas")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
