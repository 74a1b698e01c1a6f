"""Community posts in a real browser: write a post with a poll, ask a question, answer it and
accept the answer, vote in the poll; every page passes axe-core, and none scrolls sideways at
320 px. Elements are found by their fields and marks, not by their (translated) words."""

import re

import pytest
from playwright.sync_api import expect

from communities.models import PollBallot, Post
from tests.browser.steps import assert_accessible, sign_in
from tests.communities.factories import community
from tests.people.factories import person

pytestmark = pytest.mark.django_db(transaction=True)


def test_members_post_ask_answer_accept_and_vote(page):
    lea, marc = person(username="lea"), person(username="marc")
    kitchen = community(name="Cuisine", members=[lea, marc])
    sign_in(page, "lea")

    page.goto(f"/communities/{kitchen.slug}/posts/new/")
    assert_accessible(page)
    page.locator("#id_body").fill("Qui vient au pique-nique ? https://example.org/plan")
    page.locator("#id_poll_question").fill("Quel jour ?")
    page.locator("#id_poll_answers").fill("Samedi\nDimanche")
    page.locator(".post-composer button[type=submit]").click()
    with_poll = Post.objects.get(poll__question="Quel jour ?")
    expect(page).to_have_url(re.compile(re.escape(with_poll.get_absolute_url()) + "$"))
    expect(page.locator(".post-body a[href='https://example.org/plan']")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/communities/{kitchen.slug}/posts/new/")
    page.locator("input[name=kind][value=question]").check()
    page.locator("#id_title").fill("Quel four pour le pain ?")
    page.locator("#id_body").fill("Gaz ou bois ?")
    page.locator(".post-composer button[type=submit]").click()
    asked = Post.objects.get(title="Quel four pour le pain ?")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quel four pour le pain ?")

    page.context.clear_cookies()
    sign_in(page, "marc")
    page.goto(asked.get_absolute_url())
    page.locator(".comment-form textarea[name=body]").fill("Le bois, sans hésiter.")
    page.locator(".comment-form button[type=submit]").click()
    expect(page.locator(".comment-body").first).to_contain_text("Le bois")
    assert_accessible(page)

    page.goto(with_poll.get_absolute_url())
    page.locator(".poll-form input[name=choice]").first.check()
    page.locator(".poll-form button[type=submit]").click()
    expect(page.locator(".poll-results")).to_be_visible()
    expect(page.locator(".poll-form")).to_have_count(0)  # one vote, no change
    assert PollBallot.objects.filter(user=marc).count() == 1
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, "lea")
    page.goto(asked.get_absolute_url())
    page.locator(".accept-answers button").first.click()
    expect(page.locator("[data-testid=accepted-answer]")).to_contain_text("Le bois")
    assert_accessible(page)
    asked.refresh_from_db()
    assert asked.accepted_answer is not None

    page.set_viewport_size({"width": 320, "height": 640})
    for url in (f"/communities/{kitchen.slug}/posts/", asked.get_absolute_url()):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
        assert_accessible(page)
    page.goto(f"/communities/{kitchen.slug}/posts/new/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
