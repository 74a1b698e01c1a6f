"""Bilingual content in the browser (issue 18): a translator translates a page in the admin
with wagtail-localize's editor and publishes it; then a French reader and an English reader
each search and find exactly one result, in their language, and each version offers the other.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from core.languages import locale_for
from intranet.models import StandardPage
from search.engine import get_engine
from search.indexing import rebuild
from tests.browser.steps import assert_no_violations, sign_in
from tests.intranet.factories import editors_group, home_page, publish_standard_page
from tests.people.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TRANSLATIONS = {
    "Zorbitude : télétravail": "Zorbitude: remote work policy",
    "zorbitude-teletravail": "zorbitude-remote-work",
    "Deux jours de zorbitude à la maison par semaine.": "Two days of zorbitude at home a week.",
}


def translator():
    user = UserFactory(username="tess")
    user.groups.add(editors_group())
    # wagtail-localize's permission, made by its migration (a transactional flush drops it).
    submit, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_or_create(
            app_label="wagtail_localize", model="translation"
        )[0],
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    user.user_permissions.add(submit)
    return user


def translate_every_segment(page) -> None:
    """In wagtail-localize's editor: each string's "Translate", its text, "Save"."""
    button = page.get_by_role("button", name=re.compile(r"^(Translate|Traduire)$"))
    for _ in range(len(TRANSLATIONS) + 3):
        if button.count() == 0:
            return
        button.first.click()
        editor = page.locator("textarea").first
        source = editor.locator("xpath=ancestor::li[1]").inner_text()
        text = next((english for french, english in TRANSLATIONS.items() if french in source), "")
        editor.fill(text or source.split("\n")[0])
        page.get_by_role("button", name=re.compile(r"^(Save|Enregistrer)$")).first.click()
        expect(page.locator("textarea")).to_have_count(0)
    raise AssertionError("strings left to translate")


def english_reader_page(browser, live_server):
    """A second reader whose browser asks for English, signed in."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 320, "height": 800}
    )
    reader = context.new_page()
    reader.goto("/accounts/login/")
    reader.locator("#id_username").fill("ellen")
    reader.locator("#id_password").fill(PASSWORD)
    reader.locator("#id_password").press("Enter")
    reader.wait_for_url(lambda url: "/accounts/login/" not in url)
    return context, reader


def test_a_translated_page_is_found_once_by_each_reader_in_their_language(
    page, browser, live_server
):
    original = publish_standard_page(
        title="Zorbitude : télétravail",
        slug="zorbitude-teletravail",
        body_html="<p>Deux jours de zorbitude à la maison par semaine.</p>",
        parent=home_page(),
    )
    locale_for("en")  # as the migration made it (a transactional flush drops it)
    translator()
    UserFactory(username="fanny")
    UserFactory(username="ellen")

    # The translator: "Translate this page" into English, each string, then publish.
    sign_in(page, "tess")
    page.goto(f"/admin/localize/submit/page/{original.pk}/")
    page.locator("input[name=locales]").first.check()
    page.get_by_role("button", name=re.compile(r"^(Submit|Proposer)$")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    translate_every_segment(page)
    page.get_by_role("button", name=re.compile(r"^(Publish in|Publier dans)")).click()
    expect(page.locator(".messages")).to_be_visible()
    english = StandardPage.objects.get(translation_key=original.translation_key, language="en")
    assert english.live and english.title == "Zorbitude: remote work policy"
    assert english.locale.language_code == "en"

    rebuild()
    get_engine().refresh()
    page.context.clear_cookies()

    # A French reader finds the French version, once.
    sign_in(page, "fanny")
    page.goto("/search/?q=zorbitude")
    results = page.get_by_test_id("search-result")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Zorbitude : télétravail")
    assert_no_violations(page)
    results.first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorbitude : télétravail")
    expect(page.get_by_test_id("other-version")).to_have_text("Also in English")
    assert_no_violations(page)

    # An English reader finds the English version, once, and may switch to the French one.
    context, reader = english_reader_page(browser, live_server)
    try:
        reader.goto("/search/?q=zorbitude")
        found = reader.get_by_test_id("search-result")
        expect(found).to_have_count(1)
        expect(found.first).to_contain_text("Zorbitude: remote work policy")
        assert_no_violations(reader)
        found.first.get_by_role("link").first.click()
        expect(reader.get_by_role("heading", level=1)).to_have_text("Zorbitude: remote work policy")
        switch = reader.get_by_test_id("other-version")
        expect(switch).to_have_text("Aussi en français")
        box = switch.bounding_box()
        assert box is not None and box["height"] >= 44
        assert reader.evaluate("document.documentElement.scrollWidth") <= 320
        assert_no_violations(reader)
        switch.click()
        expect(reader.get_by_role("heading", level=1)).to_have_text("Zorbitude : télétravail")
    finally:
        context.close()
