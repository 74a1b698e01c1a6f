"""Mentioning in a comment box: "@" and two letters offer people and teams in a listbox, the
keyboard chooses one and its token goes into the text; accessible, and usable at 320 px."""

import pytest
from playwright.sync_api import expect

from core.conversations.models import Comment
from core.conversations.services import post_comment
from tests.browser.steps import AXE, assert_accessible, sign_in
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db(transaction=True)


def assert_no_axe_violation(page) -> None:
    """Stricter than `assert_accessible`: no WCAG 2.1 A/AA nor best-practice violation, of any
    impact, in the comments (the rest of the page is `assert_accessible`'s)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async () => await axe.run({include: [["#comments"]]}, {
            runOnly: {type: "tag", values: [
                "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"
            ]}
        })"""
    )
    found = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]
    assert not found, "Accessibility violations:\n" + "\n".join(found)


@pytest.fixture
def thread():
    sections()
    support = TeamFactory(name="Support informatique", slug="support")
    person(username="camille", first_name="Camille", last_name="Martin", job_title="Comptable")
    person(username="carla", first_name="Carla", last_name="Bruni", team=support)
    author = person(username="noa", first_name="Noa", last_name="Durand")
    news = publish_news(title="La nouvelle cantine")
    comment = post_comment(author=author, target=news, body="Qui s'occupe des menus ?")
    person(username="sacha", first_name="Sacha", last_name="Petit")
    return news, comment


def test_an_employee_mentions_a_colleague_with_the_keyboard(page, thread):
    news, comment = thread
    sign_in(page, "sacha")
    page.goto(news.url)
    box = page.get_by_label("Répondre")
    assert_accessible(page)

    box.press_sequentially("Demande à @ca", delay=30)

    listbox = page.get_by_role("listbox", name="Personnes et équipes à mentionner")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.nth(0)).to_contain_text("Carla Bruni")  # by last name
    expect(options.nth(1)).to_contain_text("Camille Martin")
    expect(options.nth(1)).to_contain_text("@camille · Comptable")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    expect(box).to_have_attribute("aria-controls", listbox.get_attribute("id"))
    expect(page.locator("#comments [role=status]")).to_contain_text("2 suggestions")
    assert_no_axe_violation(page)
    assert_accessible(page)

    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    box.press("Enter")

    expect(listbox).to_be_hidden()
    expect(box).to_have_value("Demande à @camille ")
    box.press_sequentially("merci", delay=10)
    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.get_by_text("Demande à @camille merci")).to_be_visible()
    assert Comment.objects.filter(parent=comment, body="Demande à @camille merci").exists()


def test_teams_are_offered_and_escape_closes_the_list(page, thread):
    news, _comment = thread
    sign_in(page, "sacha")
    page.goto(news.url)
    box = page.get_by_label("Répondre")

    box.press_sequentially("Voir @supp", delay=30)
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option")).to_contain_text("Équipe · @équipe:support")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.press_sequentially("o", delay=30)
    page.wait_for_timeout(400)  # the list stays closed for the token Escape dismissed
    expect(listbox).to_be_hidden()

    box.press_sequentially(" puis @équipe:su", delay=30)
    expect(listbox).to_be_visible()
    listbox.get_by_role("option").click()

    expect(box).to_have_value("Voir @suppo puis @équipe:support ")
    expect(box).to_be_focused()


def test_on_a_phone_the_list_fits_the_screen(page, thread):
    news, _comment = thread
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, "sacha")
    page.goto(news.url)
    box = page.get_by_label("Répondre")

    box.press_sequentially("@ca", delay=30)

    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    width = listbox.bounding_box()
    assert width is not None and width["x"] >= 0 and width["x"] + width["width"] <= 320
    assert_no_axe_violation(page)
    listbox.get_by_role("option").last.click()
    expect(box).to_have_value("@camille ")


def test_without_a_choice_the_typed_token_is_kept_as_written(page, thread):
    news, comment = thread
    sign_in(page, "sacha")
    page.goto(news.url)
    box = page.get_by_label("Répondre")

    box.fill("Merci @camille !")
    page.get_by_role("button", name="Envoyer la réponse").click()

    expect(page.get_by_text("Merci @camille !")).to_be_visible()
    assert Comment.objects.filter(parent=comment, body="Merci @camille !").exists()
