"""A manager's thanks stand out: kudos from the recipient's manager say so wherever listed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.selectors import recent_kudos
from tests.people.factories import TeamFactory, kudos, person

pytestmark = pytest.mark.django_db

BADGE = 'data-testid="manager-thanks"'


@pytest.fixture
def org():
    """Sales above Paris: Marie manages Léa (in Sales), who manages Camille (in Paris)."""
    sales = TeamFactory(name="Sales")
    paris = TeamFactory(name="Paris", parent=sales)
    marie = person(first_name="Marie", last_name="Durand", team=sales)
    lea = person(first_name="Léa", last_name="Roux", team=sales, manager=marie)
    camille = person(first_name="Camille", last_name="Martin", team=paris, manager=lea)
    colleague = person(first_name="Olivier", last_name="Petit", team=paris, manager=lea)
    other = person(first_name="Hugo", last_name="Blanc", team=TeamFactory(name="Legal"))
    person(team=other.profile.team, manager=other)  # Hugo manages Legal, not Paris
    return {"marie": marie, "lea": lea, "camille": camille, "colleague": colleague, "hugo": other}


def marked(recipient):
    return {item.sender_id: item.from_manager for item in recent_kudos(recipient=recipient)}


def test_kudos_from_the_direct_manager_or_a_manager_of_the_team_are_marked(org):
    for sender in ("lea", "marie", "colleague", "hugo"):
        kudos(org[sender], org["camille"])

    found = marked(org["camille"].profile)

    assert found[org["lea"].pk] is True  # Camille's own manager
    assert found[org["marie"].pk] is True  # manages Sales, so Paris below it
    assert found[org["colleague"].pk] is False
    assert found[org["hugo"].pk] is False  # a manager, of another team


def test_a_report_thanking_their_manager_is_no_manager_thanks(org):
    kudos(org["camille"], org["lea"])

    assert marked(org["lea"].profile) == {org["camille"].pk: False}


def test_the_profile_shows_the_badge_in_french_for_the_recipient_and_for_others(client, org):
    kudos(org["lea"], org["camille"])
    kudos(org["colleague"], org["camille"])
    profile = reverse("people:profile", args=[org["camille"].username])

    client.force_login(org["camille"])
    html = client.get(profile).content.decode()
    assert html.count(BADGE) == 1 and "De la part de votre manager" in html
    client.force_login(org["hugo"])
    html = client.get(profile).content.decode()
    assert html.count(BADGE) == 1 and "De la part de son manager" in html
    assert "De la part de votre manager" not in html


def test_the_team_page_and_the_home_feed_show_the_badge(client, org, home):
    kudos(org["lea"], org["camille"])
    client.force_login(org["camille"])

    team_page = client.get(reverse("people:team", args=["paris"])).content.decode()
    feed = client.get("/").content.decode()

    assert BADGE in team_page
    assert BADGE in feed and "De la part de votre manager" in feed


def test_marking_kudos_costs_the_same_queries_for_one_kudos_or_many(org):
    kudos(org["lea"], org["camille"])
    with CaptureQueriesContext(connection) as one:
        recent_kudos(recipient=org["camille"].profile)

    for sender in ("marie", "colleague", "hugo", "lea", "marie"):
        kudos(org[sender], org["camille"])
    with CaptureQueriesContext(connection) as many:
        found = recent_kudos(recipient=org["camille"].profile)

    assert sum(item.from_manager for item in found) == 4  # twice Léa, twice Marie
    assert len(one) == len(many) == 3  # the kudos, the senders' reports, the team tree
