"""The move of events out of communities keeps every row: an event's community becomes its
host (agenda/migrations/0002), its answers stay, and its content type follows (0001)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from agenda.models import RSVP, Event
from communities.models import Community
from tests.communities.factories import community
from tests.people.factories import person

BEFORE = [("agenda", "0001_initial"), ("ideas", "0007_comments_to_conversations")]


@pytest.mark.django_db(transaction=True)
def test_an_events_community_becomes_its_host_and_its_answers_stay():
    group, reader = community(name="Jardinage"), person(username="reader")
    starts = timezone.now() + timedelta(days=2)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    events, answers = old.get_model("agenda", "Event"), old.get_model("agenda", "RSVP")
    hosted = events.objects.create(
        community_id=group.pk, title="Troc", starts_at=starts, ends_at=starts, going_count=1
    )
    events.objects.create(title="Fête", starts_at=starts, ends_at=starts)
    answers.objects.create(event=hosted, user_id=reader.pk, status="going")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    troc, fete = Event.objects.get(title="Troc"), Event.objects.get(title="Fête")
    assert troc.host == Community.objects.get(pk=group.pk) and troc.going_count == 1
    assert fete.host is None and fete.host_type_id is None
    assert list(RSVP.objects.filter(event=troc).values_list("user_id", flat=True)) == [reader.pk]
    assert ContentType.objects.get_for_model(Event).app_label == "agenda"
