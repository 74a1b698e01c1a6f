"""A manager's suggestions and a manager's thanks, in a real browser at 320 px, with axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.steps import assert_no_violations, fits_its_width, page_problems, sign_in
from tests.ideas.factories import challenge, idea
from tests.intranet.factories import home_page
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, employees, kudos, person

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_reads_the_suggestions_on_a_phone_and_follows_one(page):
    home_page()
    sections()
    sales = TeamFactory(name="Sales")
    boss = person(team=sales, username="boss")
    team = employees(5, team=sales, manager=boss)
    for someone in team[:2]:
        idea(challenge(phase="open"), author=someone)
    publish_news(title="Sécurité au bureau, à lire par toute l'équipe", must_read=True)
    kudos(boss, team[0])
    sign_in(page, "boss")
    page.set_viewport_size({"width": 320, "height": 800})

    page.goto(f"/insights/teams/{sales.slug}/")

    cards = page.get_by_test_id("team-suggestions").get_by_role("listitem")
    expect(cards.first).to_contain_text("2 idées de votre équipe attendent une réponse")
    expect(cards.nth(1)).to_contain_text("Lecture obligatoire « Sécurité au bureau")
    assert fits_its_width(page)
    assert_no_violations(page)
    assert page_problems(page) == []
    page.set_viewport_size({"width": 1280, "height": 800})
    assert_no_violations(page)

    page.goto(f"/people/{team[0].username}/")
    expect(page.get_by_test_id("manager-thanks")).to_have_text("De la part de son manager")
    assert_no_violations(page)
