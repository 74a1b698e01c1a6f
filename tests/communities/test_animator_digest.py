"""The weekly animator digest: for each community one animates, its unanswered questions, its
new members of the week and its posts without a reply for 3 days; nothing for members."""

from __future__ import annotations

from datetime import timedelta

import pytest

from communities.digest import animation_items
from notifications.digests import build_digest, run_facts, window_for
from notifications.jobs import send_digests
from tests.communities.factories import community, join, post
from tests.notifications.factories import midweek_noon, prefers
from tests.people.factories import person

pytestmark = pytest.mark.django_db

NOW = midweek_noon()
WEEKLY = window_for("weekly", NOW)
END = WEEKLY.end  # Monday 00:00: the week the digest sums up ends here


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are asserted in English."""


@pytest.fixture
def animated():
    """A community with 2 unanswered questions, 3 new members this week, 1 silent post."""
    animator, old_member = person(username="animator"), person(username="member")
    kitchen = community(name="Cuisine", animators=[animator], members=[old_member])

    def joined(user, days: float) -> None:
        kitchen.memberships.filter(user=user).update(joined_at=END - timedelta(days=days))

    joined(animator, 40)
    joined(old_member, 20)
    for days in (1, 3, 6.9):  # this week's
        newcomer = person()
        join(kitchen, newcomer)
        joined(newcomer, days)
    last_week = person()
    join(kitchen, last_week)
    joined(last_week, 8)

    def at(days: float, **fields):
        return post(kitchen, author=old_member, publish_at=END - timedelta(days=days), **fields)

    at(1, kind="question")
    at(10, kind="question")
    at(2, kind="question", comment_count=1)  # answered
    at(4)  # silent for 4 days
    at(2)  # only 2 days: not yet
    at(5, comment_count=2)  # replied
    at(40)  # too old to count
    at(-1, kind="question")  # scheduled after the window
    return {"animator": animator, "member": old_member, "community": kitchen}


def test_an_animator_reads_the_exact_figures_of_each_community_they_animate(animated):
    quiet = community(name="Calme", animators=[animated["animator"]])  # nothing to say

    [item] = animation_items(animated["animator"], WEEKLY)

    assert item.title == "Cuisine"
    assert item.detail == (
        "2 unanswered questions · 3 new members this week · 1 post without a reply for 3 days"
    )
    assert item.url.endswith(animated["community"].get_absolute_url())
    assert quiet.name not in item.title


def test_a_member_gets_no_animation_section(animated):
    facts = run_facts(WEEKLY)

    digest = build_digest(animated["member"], WEEKLY, facts)
    assert all(section.heading != "The communities you animate" for section in digest.sections)
    assert animation_items(animated["member"], WEEKLY) == []
    assert animated["member"].pk not in facts.readers[("community-animation", 50)]


def test_the_section_goes_in_the_weekly_digest_and_in_the_daily_one_of_mondays_only(animated):
    tuesday = window_for("daily", END + timedelta(days=1, hours=12))
    monday = window_for("daily", END + timedelta(hours=12))

    assert animation_items(animated["animator"], tuesday) == []
    assert len(animation_items(animated["animator"], monday)) == 1


def test_the_animator_digest_arrives_over_smtp_with_its_figures(animated, smtp_server):
    prefers(animated["animator"], "weekly")

    assert send_digests("weekly", now=NOW) >= 1

    [email] = smtp_server.to("animator@example.org")
    body = smtp_server.body(email)
    assert "Les communautés que vous animez" in body  # the digest speaks French by default
    assert "2 questions sans réponse" in body and "3 nouveaux membres cette semaine" in body
    assert not smtp_server.to("member@example.org")
