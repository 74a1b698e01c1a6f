"""The ideas hub's notices move into the shared centre without losing one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.conversations.factories import comment_on
from tests.ideas.factories import challenge, idea
from tests.news.factories import sections
from tests.people.factories import UserFactory, kudos, person

BEFORE = [("ideas", "0001_initial"), ("notifications", "0001_initial")]
AFTER = [("ideas", "0002_notifications_to_centre")]


@pytest.mark.django_db(transaction=True)
def test_existing_ideas_notices_keep_their_reader_text_link_and_state():
    reader = UserFactory(username="lecteur")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    Old = old_apps.get_model("ideas", "Notification")
    read_at = timezone.now()
    Old.objects.create(
        recipient_id=reader.pk,
        event="answer:7",
        message="L'idée « Vélos » est retenue",
        url="/ideas/3/",
        emailed_at=read_at,
        read_at=read_at,
    )
    Old.objects.create(
        recipient_id=reader.pk, event="comment:9", message="Léa a commenté", url="/ideas/3/"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from notifications.models import Notification

    moved = {n.key: n for n in Notification.objects.filter(recipient=reader)}
    assert set(moved) == {"ideas:answer:7", "ideas:comment:9"}
    answer, comment = moved["ideas:answer:7"], moved["ideas:comment:9"]
    assert (answer.message, answer.url, answer.kind) == (
        "L'idée « Vélos » est retenue",
        "/ideas/3/",
        "ideas",
    )
    assert answer.read_at == read_at and answer.emailed_at == read_at and answer.immediate
    assert comment.read_at is None and not comment.immediate
    assert "ideas_notification" not in connection.introspection.table_names()


TARGETS_BEFORE = [
    ("notifications", "0002_notification_target"),
    ("ideas", "0002_notifications_to_centre"),
    ("news", "0001_initial"),
    ("people", "0004_user_email_index"),
]


@pytest.mark.django_db(transaction=True)
def test_existing_notices_get_the_target_their_key_names_where_it_can_be_derived():
    from ideas.models import StatusChange
    from news.models import LeadershipIndexPage, Question
    from notifications.models import Notification

    sections()
    reader, owner = person(username="lecteur"), person(username="owner")
    bikes = challenge(owner=owner, title="Vélo")
    garage = idea(bikes, title="Garage")
    change = StatusChange.objects.create(
        idea=garage, from_status="submitted", to_status="selected", author=owner
    )
    comment = comment_on(garage, author=owner, body="Bravo", created_at=timezone.now())
    question = Question.objects.create(author=reader, body="Pourquoi ?")
    thanks = kudos(owner, reader)
    keys = {
        f"ideas:idea-submitted:{garage.pk}": ("ideas.idea", garage.pk),
        f"ideas:answer:{change.pk}": ("ideas.idea", garage.pk),
        f"ideas:comment:{comment.pk}": ("ideas.idea", garage.pk),
        f"ideas:merged:{garage.pk}:4-5": ("ideas.idea", garage.pk),
        f"nudge:{bikes.pk}:2026-W48:abc": ("ideas.challenge", bikes.pk),
        f"news:question-answered:{question.pk}": (
            "news.page",
            LeadershipIndexPage.objects.get().pk,
        ),
        f"people:kudos:{thanks.pk}": ("people.kudos", thanks.pk),
        "ideas:answer:999999": ("", None),  # the answer is gone: nothing to derive
        "test:other": ("", None),
    }
    for key in keys:
        Notification.objects.create(recipient=reader, key=key, message=key)

    executor = MigrationExecutor(connection)
    executor.migrate(TARGETS_BEFORE)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    found = {
        key: (kind, target)
        for key, kind, target in Notification.objects.values_list("key", "target_kind", "target_id")
    }
    assert found == keys
