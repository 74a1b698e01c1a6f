"""Nudges to challenge owners about ideas waiting for an answer, and reminders of a
challenge's workshops (its events, agenda), both posted to the notification centre and never
sent twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from agenda.notifications import send_reminders
from agenda.services.events import EventDetails
from agenda.services.rsvp import rsvp
from ideas.nudges import nudge_challenge_owners
from ideas.services import answer_idea, plan_challenge_event
from notifications.jobs import send_nudges
from notifications.models import Cadence, Notification
from tests.ideas.factories import challenge, idea
from tests.notifications.factories import midweek_noon, prefers
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
NOW = midweek_noon()


@pytest.fixture
def owner(db):
    owner = person(username="owner")
    prefers(owner, Cadence.WEEKLY, language="en")  # nudges are asserted in English
    return owner


@pytest.fixture
def campaign(owner):
    return challenge(owner=owner, title="Moins de papier", phase="open")


def waiting(campaign, days: int, title: str = "Idée"):
    return idea(campaign, title=title, created_at=NOW - timedelta(days=days))


def test_an_owner_is_nudged_once_about_ideas_waiting_too_long(settings, owner, campaign):
    settings.NOTIFICATIONS_NUDGE_AFTER_DAYS = 7
    waiting(campaign, 10, "Vieille")
    waiting(campaign, 8, "Moins vieille")
    waiting(campaign, 2, "Récente")
    mail.outbox.clear()

    assert nudge_challenge_owners(now=NOW) == 1
    assert nudge_challenge_owners(now=NOW + DAY) == 0  # same ideas, same week

    nudge = Notification.objects.get(kind="nudge")
    assert nudge.recipient == owner
    assert nudge.message == (
        "2 ideas in “Moins de papier” have waited more than 7 days for an answer"
    )
    assert nudge.url == campaign.url
    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_answered_ideas_stop_the_nudge_and_a_new_set_nudges_again(settings, owner, campaign):
    settings.NOTIFICATIONS_NUDGE_AFTER_DAYS = 7
    first = waiting(campaign, 10)
    answer_idea(user=owner, idea=first, status="under_review", message="On regarde")

    assert nudge_challenge_owners(now=NOW) == 0

    waiting(campaign, 9)
    assert nudge_challenge_owners(now=NOW) == 1
    assert nudge_challenge_owners(now=NOW + 7 * DAY) == 1  # still waiting a week later
    assert Notification.objects.filter(kind="nudge").count() == 2


def test_an_owner_reading_in_the_app_only_gets_the_nudge_there(settings, owner, campaign):
    settings.NOTIFICATIONS_NUDGE_AFTER_DAYS = 7
    prefers(owner, Cadence.IN_APP)
    waiting(campaign, 30)
    mail.outbox.clear()

    assert nudge_challenge_owners(now=NOW) == 0

    assert Notification.objects.filter(recipient=owner, kind="nudge").exists()
    assert mail.outbox == []


def test_the_nudge_job_runs_the_nudges_the_apps_registered(settings, owner, campaign):
    settings.NOTIFICATIONS_NUDGE_AFTER_DAYS = 7
    waiting(campaign, 10)
    mail.outbox.clear()

    assert send_nudges(now=NOW) == 1  # the challenge owners' nudge, registered by ideas
    assert send_nudges(now=NOW) == 0

    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_the_nudge_job_is_scheduled_with_the_digests():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"notifications.send_digests", "notifications.nudge_challenge_owners"} <= tasks
    kinds = {
        entry.get("kwargs", {}).get("cadence")
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "notifications.send_digests"
    }
    assert kinds == {"daily", "weekly"}


def _workshop(owner, campaign, title: str, **fields):
    starts = timezone.now() + timedelta(hours=20)
    details = EventDetails(
        title=title, starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=5, **fields
    )
    return plan_challenge_event(user=owner, challenge=campaign, details=details)


def test_workshop_reminders_go_through_the_centre_once_and_follow_preferences(owner, campaign):
    workshop = _workshop(owner, campaign, "Atelier recto verso", place="Salle Ruche")
    keen, quiet = person(username="keen"), person(username="quiet")
    prefers(quiet, Cadence.IN_APP)
    for participant in (keen, quiet):
        rsvp(event=workshop, user=participant)
    mail.outbox.clear()

    assert send_reminders() == 1
    assert send_reminders() == 0

    assert [m.to for m in mail.outbox] == [[keen.email]]
    reminders = Notification.objects.filter(key__startswith="communities:event-reminder")
    reminders = reminders.order_by("recipient__username")
    assert [n.recipient for n in reminders] == [keen, quiet]
    assert all("Atelier recto verso" in n.message and "Salle Ruche" in n.message for n in reminders)
    assert reminders[0].url == workshop.get_absolute_url()


def test_nobody_outside_a_restricted_challenge_is_reminded(owner):
    it, hr = TeamFactory(name="IT"), TeamFactory(name="HR")
    restricted = challenge(owner=owner, title="Défi IT", phase="open", audience=[it])
    workshop = _workshop(
        owner, restricted, "Atelier IT", mode="online", online_url="https://visio.example/it"
    )
    moved = person(username="moved", team=it)
    rsvp(event=workshop, user=moved)
    moved.profile.team = hr
    moved.profile.save()

    assert send_reminders() == 0

    assert not Notification.objects.filter(recipient=moved).exists()
