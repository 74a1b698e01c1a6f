"""Mentioning in a community post: "@" and letters in the post's editor offer the community's
people, the keyboard chooses one, the published post links to their profile and the person
mentioned finds the notice in their notifications; axe-core finds no violation of any impact
in the editor, and the pages pass `assert_accessible`."""

import re

import pytest
from playwright.sync_api import expect

from communities.models import Post
from core.models import OutboxTask
from core.outbox import run_stored_task
from notifications.models import Notification
from tests.browser.steps import AXE, assert_accessible, sign_in
from tests.communities.factories import community
from tests.people.factories import person

pytestmark = pytest.mark.django_db(transaction=True)

NOTICES = "communities.tasks.deliver_notices"


def assert_no_axe_violation(page, where: str) -> None:
    """No WCAG 2.1 A/AA nor best-practice violation, of any impact, inside `where`."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async (where) => await axe.run({include: [[where]]}, {
            runOnly: {type: "tag", values: [
                "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"
            ]}
        })""",
        where,
    )
    found = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]
    assert not found, "Accessibility violations:\n" + "\n".join(found)


def run_notices() -> None:
    for row in OutboxTask.objects.pending().filter(task_path=NOTICES):
        assert run_stored_task(row.pk) == "done", row.last_error


def test_a_member_mentions_a_colleague_in_a_post_with_the_keyboard(page):
    lea = person(username="lea", first_name="Léa", last_name="Dupont")
    camille = person(username="camille", first_name="Camille", last_name="Martin")
    person(username="carla", first_name="Carla", last_name="Bruni")
    kitchen = community(name="Cuisine", members=[lea, camille])
    sign_in(page, "lea")

    page.goto(f"/communities/{kitchen.slug}/posts/new/")
    box = page.locator("#id_body")
    box.press_sequentially("Merci @cam", delay=30)

    listbox = page.get_by_role("listbox", name="Personnes et équipes à mentionner")
    expect(listbox).to_be_visible()
    option = listbox.get_by_role("option").filter(has_text="Camille Martin")
    expect(option).to_be_visible()
    assert_no_axe_violation(page, ".post-composer")
    assert_accessible(page)
    for _ in range(listbox.get_by_role("option").count()):
        if option.get_attribute("aria-selected") == "true":
            break
        box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("Merci @camille ")
    box.press_sequentially("pour la recette !", delay=10)
    page.locator(".post-composer button[type=submit]").click()

    published = Post.objects.get(author=lea)
    expect(page).to_have_url(re.compile(re.escape(published.get_absolute_url()) + "$"))
    mention = page.locator(".post-body a.mention")
    expect(mention).to_have_text("@camille")
    expect(mention).to_have_attribute("href", "/people/camille/")
    assert_accessible(page)

    run_notices()
    assert Notification.objects.filter(recipient=camille, key__startswith="communities:mention:")
    page.context.clear_cookies()
    sign_in(page, "camille")
    page.goto("/notifications/")
    notice = page.locator(f"a[href='{published.get_absolute_url()}']").filter(
        has_text="Léa Dupont vous a mentionné·e"
    )
    expect(notice).to_be_visible()
    assert_accessible(page)
    notice.click()
    expect(page.locator(".post-body a.mention")).to_have_attribute("href", "/people/camille/")
