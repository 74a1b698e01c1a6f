"""The editors' desk in a real browser: an editor writes a news item in the admin with a cover
uploaded from their computer, a teaser, a category of the list and an audience team, sees
how many people it reaches, publishes; an employee of that team finds it on the home page with
its cover, an employee of another team does not."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect
from wagtail.models import Collection, GroupCollectionPermission

from news.models import NewsCategory, NewsPage
from tests.browser.steps import assert_accessible, assert_no_violations, sign_in
from tests.images import picture_file
from tests.news.factories import sections
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings):
    settings.ROOT_URLCONF = "tests.browser.media_urls"  # the cover is served to the reader


def image_rights(group_name: str) -> None:
    """Upload and choose images in the whole library (Wagtail's collection permissions)."""
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    group = Group.objects.get(name=group_name)
    for codename in ("add_image", "choose_image"):
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )


def test_an_editor_publishes_a_news_item_with_a_cover_and_an_audience_and_sees_its_reach(
    page, media, tmp_path
):
    news_index, _leadership = sections()
    it, marketing = TeamFactory(name="Informatique"), TeamFactory(name="Marketing")
    support = TeamFactory(name="Support", parent=it)
    person(username="ivan", team=it)
    person(username="sacha", team=support)
    person(username="mia", team=marketing)
    # An editor-in-chief: writes (Editors) and publishes (Communicators).
    person(username="edith", groups=["Editors", "Communicators"])
    image_rights("Editors")
    NewsCategory.objects.create(name="Vie interne", name_en="Company life")
    cover = tmp_path / "ruches.png"
    cover.write_bytes(picture_file("ruches.png").read())

    sign_in(page, "edith")
    page.goto(f"/admin/pages/add/news/newspage/{news_index.pk}/")
    page.locator("#id_title").fill("Les ruches du toit")
    page.locator("#id_teaser").fill("Trois ruches s'installent sur le toit du siège.")
    page.locator("#id_category").select_option(label="Vie interne")

    reach = page.locator("output#audience-reach")
    expect(reach).to_have_attribute("data-reach-total", "4")  # no team: everyone
    page.locator("[data-audience-tree]").get_by_label("Informatique").check()
    expect(reach).to_have_attribute("data-reach-total", "2")  # the team and its sub-team
    expect(reach).to_contain_text("Informatique 2")

    page.locator("[data-field-input] button, button").filter(
        has_text="Choisir une image"
    ).first.click()
    modal = page.locator(".modal-content").filter(has_text="Choisir une image")
    modal.get_by_role("tab", name="Transférer").click()  # Wagtail's French for "Upload"
    modal.locator("input[type=file]").set_input_files(str(cover))
    title = modal.get_by_role("textbox", name=re.compile("^Titre"))
    expect(title).not_to_have_value("")  # Wagtail fills it from the file name…
    title.fill("Les ruches du toit")  # …and the editor gives a better one, and the alt text
    modal.get_by_role("textbox", name="Description").fill("Trois ruches sur le toit")
    modal.locator("form button[type=submit]").filter(has_text="Transférer").click()
    expect(page.locator("[data-chooser-title], .chooser__title").first).to_contain_text(
        "Les ruches du toit"
    )
    assert_accessible(page)

    page.locator('footer [data-w-dropdown-target="toggle"]').click()  # "Plus d'actions"
    page.locator('button[name="action-publish"]').click()
    expect(page.locator(".messages")).to_be_visible()
    news = NewsPage.objects.get(title="Les ruches du toit")
    assert news.live and news.cover_image is not None
    assert news.category.name == "Vie interne" and list(news.audience_teams.all()) == [it]

    page.context.clear_cookies()
    sign_in(page, "sacha")  # in a sub-team of the audience
    page.goto("/")
    hero = page.get_by_test_id("home-hero")  # the newest news item addressed to them
    expect(hero).to_contain_text("Les ruches du toit")
    expect(hero).to_contain_text("Trois ruches s'installent sur le toit du siège.")
    assert_no_violations(page)
    page.goto("/actualites/")
    listed = page.locator(".news-card").filter(has_text="Les ruches du toit")
    teaser = "Trois ruches s'installent sur le toit du siège."
    expect(listed.locator(".teaser")).to_have_text(teaser)
    expect(listed.locator(".cover img")).to_be_visible()
    assert_no_violations(page)

    page.context.clear_cookies()
    sign_in(page, "mia")  # outside the audience
    page.goto("/")
    expect(page.get_by_text("Les ruches du toit")).to_have_count(0)
