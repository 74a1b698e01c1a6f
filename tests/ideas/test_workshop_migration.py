"""The move of workshops into events (ideas/migrations/0008): every workshop becomes an
event of its challenge, with its registrations as answers going, its capacity, its ideas and
its old id (for the old addresses); nothing is lost."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from agenda.models import RSVP, Event, RSVPStatus
from core.models import ExternalKey
from ideas.event_host import OLD_WORKSHOP_KIND
from tests.ideas.factories import challenge, idea
from tests.people.factories import person

BEFORE = [("ideas", "0007_comments_to_conversations"), ("agenda", "0002_event_host")]


@pytest.mark.django_db(transaction=True)
def test_every_workshop_becomes_an_event_of_its_challenge_with_its_people_and_ideas():
    owner, first, second = person(username="owner"), person(username="a"), person(username="b")
    campaign = challenge(owner=owner, phase="open")
    about = idea(campaign, title="Recto verso")
    starts = timezone.now() + timedelta(days=3)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    workshops = old.get_model("ideas", "Workshop")
    registrations = old.get_model("ideas", "WorkshopRegistration")
    hybrid = workshops.objects.create(
        challenge_id=campaign.pk,
        title="Atelier hybride",
        starts_at=starts,
        place="Salle Ruche",
        link="https://visio.example/a",
        capacity=3,
    )
    hybrid.ideas.add(about.pk)
    online = workshops.objects.create(
        challenge_id=campaign.pk,
        title="En ligne",
        starts_at=starts,
        link="https://v.example/b",
        capacity=1,
    )
    reminded = timezone.now() - timedelta(hours=1)
    registrations.objects.create(workshop=hybrid, user_id=first.pk, reminded_at=reminded)
    registrations.objects.create(workshop=hybrid, user_id=second.pk)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = Event.objects.get(title="Atelier hybride")
    assert moved.host == campaign and moved.organiser == owner
    assert (moved.mode, moved.place, moved.online_url) == (
        "hybrid",
        "Salle Ruche",
        "https://visio.example/a",
    )
    assert (moved.capacity, moved.going_count, moved.waitlist_count) == (3, 2, 0)
    assert moved.starts_at == starts and moved.ends_at == starts + timedelta(hours=2)
    assert moved.reminded_at == reminded
    assert set(RSVP.objects.filter(event=moved).values_list("user_id", "status")) == {
        (first.pk, RSVPStatus.GOING),
        (second.pk, RSVPStatus.GOING),
    }
    assert list(moved.ideas.all()) == [about]
    assert Event.objects.get(title="En ligne").mode == "online"
    keys = ExternalKey.objects.filter(kind=OLD_WORKSHOP_KIND)
    assert {(key.key, key.object_id) for key in keys} == {
        (str(hybrid.pk), str(moved.pk)),
        (str(online.pk), str(Event.objects.get(title="En ligne").pk)),
    }
