"""Queues apart, on a private broker with real workers: each kind of task waits on its own
Redis list, a digest backlog never delays search freshness, and digest batches that several
workers share (and run twice) send every digest exactly once."""

import asyncio
import json
from datetime import timedelta

import pytest
import redis
from django.db import transaction
from django.utils import timezone

from core.models import OutboxTask
from intranet.celery import app
from notifications import tasks as notification_tasks
from notifications.digests import window_for
from notifications.models import Cadence, DigestRun
from search.engine import get_engine
from search.indexing import rebuild
from search.services import run_search
from search.tasks import sync_documents
from tests.intranet.factories import home_page, publish_standard_page
from tests.mail import Inbox, free_port
from tests.notifications.factories import notice, prefers
from tests.people.factories import UserFactory
from tests.processes import ARTIFACTS, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


class SlowInbox(Inbox):
    """A real SMTP server that takes its time over each message, as a busy relay does."""

    delay = 0.05

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp():
    from aiosmtpd.controller import Controller

    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


def daily_readers(count: int) -> list:
    """`count` people on the daily digest, each with a notice from yesterday to read."""
    yesterday = window_for("daily", timezone.now()).start + timedelta(hours=12)
    readers = []
    for n in range(count):
        reader = UserFactory(username=f"reader{n}", email=f"reader{n}@example.org")
        prefers(reader, Cadence.DAILY)
        notice(reader, message=f"Une nouvelle pour {n}", immediate=False, created_at=yesterday)
        readers.append(reader)
    return readers


def waiting_tasks(broker: redis.Redis, queue: str) -> list[str]:
    """What waits on a queue's Redis list: Celery task names, or the stored task's path for
    the outbox's runner."""
    names = []
    for raw in broker.lrange(queue, 0, -1):
        message = json.loads(raw)
        name = message["headers"]["task"]
        if name == "intranet.run_outbox_task":
            outbox_id = message["headers"]["argsrepr"].strip("[](),")
            name = OutboxTask.objects.get(pk=int(outbox_id)).task_path
        names.append(name)
    return names


def test_each_kind_of_task_waits_on_its_own_queue(celery_processes, private_redis):
    """No worker runs: the messages stay on the Redis lists the queues use."""
    broker = redis.Redis.from_url(private_redis.url(0))
    broker.flushdb()
    with transaction.atomic():
        sync_documents.enqueue("page", ["1"])
    app.send_task("notifications.send_digest_batch", args=["daily", timezone.now().isoformat(), []])
    app.send_task("insights.snapshot_kpis")
    app.send_task("news.publish_scheduled")

    assert waiting_tasks(broker, "search") == ["search.tasks.sync_documents"]
    assert waiting_tasks(broker, "email") == ["notifications.send_digest_batch"]
    assert waiting_tasks(broker, "analytics") == ["insights.snapshot_kpis"]
    assert waiting_tasks(broker, "default") == ["news.publish_scheduled"]
    assert not broker.exists("celery")  # Celery's own default queue is never used


def found(user, text) -> list[str]:
    get_engine().refresh()
    return [hit.title for hit in run_search(user=user, text=text).results]


def test_a_digest_backlog_never_delays_search_freshness(celery_processes, slow_smtp):
    rebuild()
    readers = daily_readers(120)
    port = str(slow_smtp.port)
    celery_processes.worker("worker-search", queues="search")
    celery_processes.worker("worker-email", queues="email", EMAIL_PORT=port)
    celery_processes.worker("worker", queues="default,analytics", EMAIL_PORT=port)
    wait_for(lambda: not OutboxTask.objects.pending().exists(), message="set-up tasks left")

    app.send_task("notifications.send_digests", kwargs={"cadence": "daily"})
    wait_for(lambda: DigestRun.objects.exists(), message="the digest run never started")
    with transaction.atomic():
        publish_standard_page(title="Navette du matin", parent=home_page())
    wait_for(lambda: found(readers[0], "navette") == ["Navette du matin"], message="not indexed")

    sent_when_indexed = DigestRun.objects.count()
    assert sent_when_indexed < len(readers)  # the index did not wait for the backlog
    wait_for(lambda: DigestRun.objects.count() == len(readers), timeout=120, message="digests")
    for reader in readers:
        assert len(slow_smtp.to(reader.email)) == 1


def succeeded_batches(log_name: str, test_name: str) -> int:
    log = (ARTIFACTS / f"{test_name}-{log_name}.log").read_text()
    return sum(
        1
        for line in log.splitlines()
        if "notifications.send_digest_batch" in line and "succeeded" in line
    )


def test_two_workers_share_the_digest_batches_and_send_each_digest_once(
    celery_processes, slow_smtp, monkeypatch, request
):
    """The run is planned twice, as a beat job retried after a lost acknowledgement would:
    every reader sits in two batches, which two workers take in parallel."""
    readers = daily_readers(40)
    monkeypatch.setattr(notification_tasks, "DIGEST_BATCH", 5)
    port = str(slow_smtp.port)
    slow_smtp.delay = 0.1
    celery_processes.worker("worker-a", queues="email", EMAIL_PORT=port)
    celery_processes.worker("worker-b", queues="email", EMAIL_PORT=port)

    now = timezone.now()
    assert notification_tasks.plan_digests("daily", now=now) == 8
    assert notification_tasks.plan_digests("daily", now=now) == 8  # nothing claimed yet
    wait_for(lambda: DigestRun.objects.count() == len(readers), timeout=120, message="digests")
    wait_for(
        lambda: (
            succeeded_batches("worker-a", request.node.name)
            + succeeded_batches("worker-b", request.node.name)
            == 16
        ),
        timeout=60,
        message="batches left",
    )

    for reader in readers:
        assert len(slow_smtp.to(reader.email)) == 1
    assert succeeded_batches("worker-a", request.node.name) > 0
    assert succeeded_batches("worker-b", request.node.name) > 0
