"""Events in a real browser: answering an event, seeing that one is going, giving the place
back; at 320 px, every page visited passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from agenda.models import RSVP, RSVPStatus
from tests.browser.steps import assert_accessible, sign_in
from tests.communities.factories import community, event
from tests.people.factories import person

pytestmark = pytest.mark.django_db(transaction=True)

# The French words come with the merged catalogue (TRANSLATIONS-events.po); until then the
# English source text shows.
GOING = re.compile("Vous participez|You are going")
I_AM_GOING = re.compile("Je participe|I'm going")
GIVE_BACK = re.compile("Libérer ma place|Give my place back")
NOT_ANSWERED = re.compile("Vous n’avez pas répondu|You have not answered")


def test_an_employee_answers_an_event_then_gives_the_place_back_on_a_phone(page):
    camille = person(username="camille")
    group = community(name="Cuisine du monde", members=[camille])
    workshop = event(group, title="Atelier pain", capacity=12, place="Lyon, salle 2")
    sign_in(page, "camille")
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto("/events/")
    page.get_by_role("link", name="Atelier pain").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier pain")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

    page.get_by_role("button", name=I_AM_GOING).click()
    expect(page.get_by_test_id("event-answer")).to_have_text(GOING)
    assert RSVP.objects.get(event=workshop, user=camille).status == RSVPStatus.GOING
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

    page.get_by_role("button", name=GIVE_BACK).click()
    expect(page.get_by_test_id("event-answer")).to_have_text(NOT_ANSWERED)
    assert not RSVP.objects.filter(event=workshop).exists()
    assert_accessible(page)


def test_an_animator_plans_an_event_from_a_phone(page):
    animator = person(username="animatrice")
    community(name="Cuisine du monde", slug="cuisine", animators=[animator])
    sign_in(page, "animatrice")
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto("/communities/cuisine/events/new/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
    page.locator("#id_title").fill("Atelier pain")
    page.locator("#id_starts_at").fill("2099-06-01T10:00")
    page.locator("#id_ends_at").fill("2099-06-01T12:00")
    page.locator("#id_place").fill("Lyon, salle 2")
    page.locator("#id_capacity").fill("12")
    page.locator("form.event-form button[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier pain")
    expect(page.get_by_test_id("event-places")).to_contain_text("12")
    assert_accessible(page)
