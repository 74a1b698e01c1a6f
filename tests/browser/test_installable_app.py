"""Ruche as an installable app in Chromium: the manifest and the service worker register, a
page asked for offline shows the offline page, and no signed-in page is ever kept on the
device. The offline page and the preferences page (with its push section, shown by script)
have no accessibility violation at all."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import AXE, sign_in
from tests.intranet.factories import home_page
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

CACHED_PATHS = """async () => {
    const paths = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            paths.push(new URL(request.url).pathname);
        }
    }
    return paths;
}"""


def assert_no_violation(page) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation on the page, whatever its impact."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        })"""
    )
    found = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]
    assert not found, "Accessibility violations:\n" + "\n".join(found)


def test_the_site_installs_and_offline_shows_the_offline_page_never_a_kept_one(page, live_server):
    home_page()
    UserFactory(username="camille", first_name="Camille", last_name="Confidentielle")
    sign_in(page, "camille")
    page.goto("/notifications/")

    manifest_url = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.evaluate("async (url) => (await fetch(url)).json()", manifest_url)
    assert (manifest["name"], manifest["lang"], manifest["start_url"]) == ("Ruche", "fr", "/")

    scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope == f"{live_server.url}/"
    page.reload()  # the worker now controls the page
    assert page.evaluate("() => navigator.serviceWorker.controller !== null")
    for path in ("/", "/notifications/", "/notifications/preferences/", "/people/"):
        page.goto(path)
        expect(page.locator("body")).to_contain_text("Confidentielle")

    kept = page.evaluate(CACHED_PATHS)
    assert "/offline/" in kept and "/static/frontend/css/ruche.css" in kept
    assert [path for path in kept if path != "/offline/" and not path.startswith("/static/")] == []

    page.context.set_offline(True)
    page.goto("/notifications/")
    expect(page.get_by_test_id("offline-page")).to_be_visible()
    # French once TRANSLATIONS-push.po is merged, English until then.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Vous êtes hors ligne|You are offline")
    )
    assert "Confidentielle" not in page.content()
    # Its styles come from the device too.
    assert (
        page.evaluate(
            "() => getComputedStyle(document.querySelector('.site-header')).borderBottomStyle"
        )
        == "solid"
    )
    assert_no_violation(page)
    page.context.set_offline(False)


def test_the_preferences_page_offers_push_on_this_browser_accessibly(page):
    home_page()
    UserFactory(username="camille")
    sign_in(page, "camille")

    page.goto("/notifications/preferences/")

    section = page.locator("[data-push]")
    expect(section).to_be_visible()  # shown by the script where push works
    expect(section.get_by_role("button")).to_have_text(
        re.compile("Activer les notifications push sur ce navigateur|Turn on push on this browser")
    )
    expect(page.locator("input[type=checkbox][name=push]")).to_be_checked()
    assert_no_violation(page)
