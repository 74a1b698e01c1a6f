"""The broker stops: writes still succeed, and their tasks run once each when it returns.

The broker is a private redis-server (see conftest.py); the shared one is never touched.
"""

import pytest
from django.db import transaction

from core.models import OutboxTask
from ideas.services import add_comment, answer_idea, submit_idea
from notifications.models import Notification
from search.engine import get_engine
from search.services import run_search
from tests.ideas.factories import challenge
from tests.people.factories import TeamFactory, person
from tests.processes import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_writes_made_while_the_broker_is_down_take_effect_once_when_it_returns(
    celery_processes, private_redis, search_index, smtp_server
):
    celery_processes.worker()
    celery_processes.beat()
    it = TeamFactory(name="IT")
    owner, author, colleague = (
        person(username=name, team=it) for name in ("owner", "author", "colleague")
    )
    campaign = challenge(owner=owner, audience=[it])
    wait_for(lambda: not OutboxTask.objects.pending().exists(), message="set-up tasks left")

    private_redis.stop()
    with transaction.atomic():
        idea = submit_idea(
            user=author, challenge=campaign, title="Covoiturage", description="Une appli."
        )
    comment = add_comment(user=colleague, idea=idea, body="Bonne idée !")
    change = answer_idea(user=owner, idea=idea, status="under_review", message="On regarde")

    # The writes succeeded and their tasks wait in the outbox, none of them run.
    assert idea.pk and comment.pk and change.pk
    pending = OutboxTask.objects.pending()
    assert {"ideas.tasks.deliver_notifications", "search.tasks.sync_documents"} <= set(
        pending.values_list("task_path", flat=True)
    )
    assert not pending.exclude(attempts=0).exists()
    assert not Notification.objects.exists()

    private_redis.start()  # empty: whatever was queued before is lost too

    wait_for(
        lambda: not OutboxTask.objects.pending().exists(),
        timeout=60,
        message="the relay did not deliver every task once the broker was back",
    )
    assert set(OutboxTask.objects.values_list("attempts", flat=True)) == {1}
    notified = Notification.objects.values_list("key", "recipient__username")
    assert sorted(notified) == sorted(
        [
            (f"ideas:idea-submitted:{idea.pk}", "owner"),
            (f"ideas:comment:{comment.pk}", "author"),
            (f"ideas:answer:{change.pk}", "author"),
            (f"ideas:answer:{change.pk}", "colleague"),
        ]
    )
    # A comment waits for the digest; the other notices are emailed at once.
    wait_for(lambda: len(smtp_server.messages) >= 3, message="emails missing")
    assert sorted(message["To"] for message in smtp_server.messages) == [
        "author@example.org",
        "colleague@example.org",
        "owner@example.org",
    ]
    get_engine().refresh()
    found = run_search(user=colleague, text="Covoiturage").results
    # Other tests may leave their own ideas in the shared index: look for this one.
    assert idea.get_absolute_url() in [hit.url for hit in found]
