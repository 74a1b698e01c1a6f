"""The ideas hub's notices move into the shared centre without losing one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("ideas", "0001_initial"), ("notifications", "0001_initial")]
AFTER = [("ideas", "0002_notifications_to_centre")]


@pytest.mark.django_db(transaction=True)
def test_existing_ideas_notices_keep_their_reader_text_link_and_state():
    from tests.factories import UserFactory

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
