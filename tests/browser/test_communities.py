"""Communities in a real browser: create one, join an open one, the directory on a phone;
every page passes axe-core. Selectors avoid wording (the French catalogue comes later)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import assert_accessible, sign_in
from tests.communities.factories import community
from tests.intranet.factories import home_page
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_employee_creates_a_community_and_animates_it(page):
    home_page()
    UserFactory(username="camille", first_name="Camille")
    sign_in(page, "camille")

    page.goto("/communities/")
    assert_accessible(page)
    page.locator("a[href='/communities/new/']").click()
    assert_accessible(page)
    page.locator("input[name=name]").fill("Jardiniers du siège")
    page.locator("textarea[name=description]").fill("Potager sur le toit")
    page.locator("input[name=visibility][value=closed]").check()
    page.locator("input[name=tags]").fill("jardin, RSE")
    page.locator("form[enctype] button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/communities/jardiniers-du-siege/$"))
    expect(page.locator("h1")).to_have_text("Jardiniers du siège")
    expect(page.locator("a[href$='/settings/']")).to_be_visible()
    assert_accessible(page)
    page.goto("/communities/jardiniers-du-siege/health/")
    assert_accessible(page)


def test_an_employee_joins_an_open_community_and_reads_its_welcome(page):
    home_page()
    UserFactory(username="camille")
    animator = UserFactory(username="lea", first_name="Léa", last_name="Roux")
    open_one = community(
        name="Vélo au travail",
        welcome_message="<p>Bienvenue, cyclistes !</p>",
        animators=[animator],
    )
    sign_in(page, "camille")

    page.goto(open_one.get_absolute_url())
    assert_accessible(page)
    page.locator(f"form[action='/communities/{open_one.slug}/join/'] button").click()

    expect(page.locator(".community-welcome")).to_contain_text("Bienvenue, cyclistes !")
    expect(page.locator(f"form[action='/communities/{open_one.slug}/leave/']")).to_be_visible()
    assert_accessible(page)
    page.reload()
    expect(page.locator(".community-welcome")).to_have_count(0)
    page.goto(f"/communities/{open_one.slug}/members/")
    assert_accessible(page)


def test_the_directory_fits_a_phone(page):
    home_page()
    UserFactory(username="camille")
    for number in range(4):
        made = community(
            name=f"Une communauté au nom vraiment très long numéro {number}",
            description="Une description " * 20,
        )
        made.tags.set(["mobilité-douce-et-partagée", "RSE"])
    sign_in(page, "camille")
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto("/communities/")

    expect(page.get_by_test_id("community-list").locator("li.community-card")).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
    page.goto(page.get_by_test_id("community-list").locator("a").first.get_attribute("href"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
