"""Nobody is named co-author without consent: named people are invited (a notice tells them),
and only those who accept show on the idea, in the API, on leaderboards and in the counts."""

import importlib

import pytest
from django.apps import apps

from ideas.models import CoAuthorInvitation, Idea
from ideas.selectors import challenge_stats, leaderboard
from ideas.services import (
    NotFound,
    accept_co_authorship,
    decline_co_authorship,
    merge_ideas,
    submit_idea,
)
from notifications.models import Notification
from tests.ideas.factories import challenge, idea
from tests.ideas.test_notifications import run_notification_tasks
from tests.people.factories import person


def named(username: str, last_name: str):
    user = person(username=username)
    user.first_name, user.last_name = "Dom", last_name
    user.save()
    return user


def page_of(client, viewer, target: Idea) -> str:
    client.force_login(viewer)
    return client.get(target.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_naming_a_co_author_invites_them_and_shows_nothing_until_they_accept(client, owner):
    campaign = challenge(owner=owner, phase="open")
    author, invitee = person(username="author"), named("invitee", "Consentant")

    proposed = submit_idea(
        user=author,
        challenge=campaign,
        title="Vélos",
        description="Des vélos partagés",
        co_author_ids=[invitee.pk],
    )
    run_notification_tasks()

    assert not proposed.co_authors.exists()
    assert CoAuthorInvitation.objects.get(idea=proposed).person == invitee
    notice = Notification.objects.get(recipient=invitee)
    assert "Vélos" in notice.message and notice.url == proposed.get_absolute_url()
    assert "Consentant" not in page_of(client, person(username="reader"), proposed)
    assert "Consentant" not in client.get(f"/api/ideas/{proposed.pk}/").content.decode()
    assert [row["user"] for row in leaderboard(owner, campaign)] == [author]
    assert challenge_stats(campaign)["participants"] == 1
    mine = page_of(client, author, proposed)
    assert "Waiting for their answer" in mine and "Dom Consentant" in mine
    invited = page_of(client, invitee, proposed)
    assert "co-author" in invited and "/co-authorship/accept/" in invited

    response = client.post(f"/ideas/{proposed.pk}/co-authorship/accept/")

    assert response.status_code == 302
    assert list(proposed.co_authors.all()) == [invitee]
    assert "Dom Consentant" in page_of(client, person(username="reader2"), proposed)
    assert client.get(f"/api/ideas/{proposed.pk}/").json()["co_authors"] == ["Dom Consentant"]
    assert {row["user"] for row in leaderboard(owner, campaign)} == {author, invitee}


def test_a_declined_invitation_never_names_the_person(client, owner):
    campaign = challenge(owner=owner, phase="open")
    invitee = named("shy", "Refus")
    proposed = submit_idea(
        user=person(username="author"),
        challenge=campaign,
        title="Cantine",
        description="Bio",
        co_author_ids=[invitee.pk],
    )

    client.force_login(invitee)
    assert client.post(f"/ideas/{proposed.pk}/co-authorship/decline/").status_code == 302

    assert CoAuthorInvitation.objects.get().status == "declined"
    assert not proposed.co_authors.exists()
    with pytest.raises(NotFound):
        accept_co_authorship(user=invitee, idea=proposed)
    assert "Refus" not in page_of(client, person(username="reader"), proposed)


def test_only_the_invited_person_answers_their_invitation(client, owner):
    campaign = challenge(owner=owner, phase="open")
    invitee, intruder = person(username="invitee"), person(username="intruder")
    proposed = submit_idea(
        user=person(username="author"),
        challenge=campaign,
        title="Tri",
        description="Des poubelles",
        co_author_ids=[invitee.pk],
    )

    with pytest.raises(NotFound):
        accept_co_authorship(user=intruder, idea=proposed)
    with pytest.raises(NotFound):
        decline_co_authorship(user=owner, idea=proposed)
    client.force_login(intruder)
    assert client.post(f"/ideas/{proposed.pk}/co-authorship/accept/").status_code == 404
    assert not proposed.co_authors.exists()
    assert CoAuthorInvitation.objects.get().status == "pending"


def test_merging_invites_the_authors_of_the_duplicates_instead_of_naming_them(client, owner):
    campaign = challenge(owner=owner, phase="open")
    target = idea(campaign, title="Cible")
    duplicate = idea(campaign, author=named("dup", "Doublon"))

    merge_ideas(user=owner, target=target, sources=[duplicate])
    run_notification_tasks()

    assert not target.co_authors.exists()
    assert "Doublon" not in page_of(client, person(username="reader"), target)
    assert Notification.objects.filter(recipient=duplicate.author, key__contains="co-author")
    accept_co_authorship(user=duplicate.author, idea=target)
    assert list(target.co_authors.all()) == [duplicate.author]


def test_existing_co_authors_are_kept_as_accepted_by_the_data_migration(owner):
    built = idea(challenge(owner=owner, phase="open"))
    helper = person(username="helper")
    built.co_authors.add(helper)  # how co-authors were stored before invitations existed

    migration = importlib.import_module("ideas.migrations.0006_co_author_invitations")
    migration.accept_existing_co_authors(apps, None)

    invitation = CoAuthorInvitation.objects.get(idea=built)
    assert (invitation.person, invitation.status) == (helper, "accepted")
    assert list(built.co_authors.all()) == [helper]


def test_the_export_names_and_counts_only_co_authors_who_accepted(client, owner):
    campaign = challenge(owner=owner, phase="open")
    agreed, waiting = named("agreed", "Oui"), named("waiting", "Peutetre")
    proposed = submit_idea(
        user=person(username="author"),
        challenge=campaign,
        title="Ateliers vélo",
        description="Réparer ensemble",
        co_author_ids=[agreed.pk, waiting.pk],
    )
    accept_co_authorship(user=agreed, idea=proposed)
    client.force_login(owner)

    export = client.get(f"/ideas/challenges/{campaign.pk}/export.csv").content.decode("utf-8-sig")

    assert "Dom Oui" in export and "Peutetre" not in export
    assert challenge_stats(campaign)["participants"] == 2


def test_the_invitation_to_an_anonymous_idea_never_names_its_author(client, owner):
    campaign = challenge(owner=owner, phase="open", allow_anonymous_ideas=True)
    author, invitee = named("hidden", "Mystère"), person(username="invitee")
    proposed = submit_idea(
        user=author,
        challenge=campaign,
        title="Boîte à idées",
        description="Anonyme",
        co_author_ids=[invitee.pk],
        anonymous=True,
    )
    run_notification_tasks()

    notice = Notification.objects.get(recipient=invitee)
    assert "Boîte à idées" in notice.message and "Mystère" not in notice.message
    assert "Mystère" not in page_of(client, invitee, proposed)
    accept_co_authorship(user=invitee, idea=proposed)
    assert [row["user"] for row in leaderboard(owner, campaign)] == []
    assert client.get(f"/api/ideas/{proposed.pk}/").json()["co_authors"] == []
