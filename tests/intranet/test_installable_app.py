"""The installable app: a manifest in French by default with the design tokens' colours and
its icons, a service worker served for the whole site that keeps static files and the offline
page only, and an offline page that says nothing of whoever is signed in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from frontend import pwa
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db


def css_token(name: str) -> str:
    css = Path(finders.find("frontend/css/tokens.css")).read_text(encoding="utf-8")
    return re.search(rf"--{name}:\s*([^;]+);", css).group(1).strip()


def test_the_manifest_names_ruche_in_french_with_the_design_colours_and_icons():
    response = Client().get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert (manifest["name"], manifest["short_name"], manifest["lang"]) == ("Ruche", "Ruche", "fr")
    assert manifest["start_url"] == manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == css_token("brand")
    assert manifest["background_color"] == css_token("wash")
    icons = {(icon["type"], icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert ("image/svg+xml", "any", "any") in icons
    assert {("image/png", "192x192", "any"), ("image/png", "512x512", "maskable")} <= icons
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_the_manifest_follows_a_browser_that_reads_english():
    manifest = Client(HTTP_ACCEPT_LANGUAGE="en").get("/manifest.webmanifest").json()

    assert manifest["lang"] == "en"
    assert manifest["name"] == "Ruche"


def test_the_service_worker_is_served_for_the_whole_site():
    response = Client().get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    precached = re.search(r"const PRECACHED = (\[.*?\]);", script).group(1)
    assert '"/offline/"' in precached
    # It keeps static files and the offline page, nothing else.
    for url in re.findall(r'"([^"]+)"', precached):
        assert url == "/offline/" or url.startswith("/static/"), url
    assert 'request.mode === "navigate"' in script


def test_a_new_version_of_a_kept_file_gives_a_new_worker(settings):
    before = pwa.cache_version()
    pwa.cache_version.cache_clear()
    settings.STATIC_URL = "/assets/"
    try:
        assert pwa.cache_version() != before
    finally:
        pwa.cache_version.cache_clear()


def test_the_offline_page_says_nothing_of_the_person_signed_in(client):
    user = UserFactory(first_name="Camille", last_name="Secrète")
    client.force_login(user)

    response = client.get("/offline/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Secrète" not in html and user.username not in html
    assert "csrfmiddlewaretoken" not in html and "<form" not in html
    assert "<script" not in html
    assert "Vous êtes hors ligne" in html or "You are offline" in html


def test_every_page_links_the_manifest_and_registers_the_worker(client):
    client.force_login(UserFactory())

    html = client.get("/notifications/").content.decode()

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert f'<meta name="theme-color" content="{css_token("brand")}">' in html
    assert 'src="/static/frontend/js/pwa.js" data-service-worker="/sw.js"' in html


def test_the_sign_in_page_links_the_manifest_too():
    html = Client().get("/accounts/login/").content.decode()

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
