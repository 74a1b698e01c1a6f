"""A worker is killed mid-task: the task is delivered again and its effect happens once.

The broker acknowledges a message only once the task has run (acks_late), so the message a
killed worker held is handed out again after the visibility timeout (2 s in these tests); when
only the pool process running the task dies, its worker puts the message back at once
(task_reject_on_worker_lost). The
outbox runs the task in the transaction that marks it finished: the killed run left nothing
behind in the database, and the killed attempt still counts towards OUTBOX_MAX_ATTEMPTS.
"""

import asyncio
import os
import signal
import threading
import uuid

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group
from django.db import transaction

from core.models import OutboxTask
from ideas.models import Follow
from ideas.services import submit_idea
from notifications.models import Notification
from tests.core.tasks_for_tests import create_group_slowly
from tests.ideas.factories import challenge
from tests.mail import Inbox, free_port
from tests.people.factories import TeamFactory, person
from tests.processes import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


class HeldInbox(Inbox):
    """A real SMTP server that can keep the next message waiting before it accepts it.

    A message counts as delivered only once the server has said so: one whose sender died
    while it was held is refused when it is let go, as a real server would drop it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.accept_before_hold = 0  # messages accepted before the held one
        self.hold = threading.Event()
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.hold.is_set() and len(self.messages) >= self.accept_before_hold:
            self.hold.clear()
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Sender gone, message dropped"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp():
    inbox = HeldInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.port = port
    yield inbox
    inbox.release.set()
    controller.stop()


def test_a_task_killed_midway_is_redelivered_and_has_its_effect_once(celery_processes, tmp_path):
    started_log = tmp_path / "starts.log"
    name = f"group-{uuid.uuid4().hex[:8]}"
    first = celery_processes.worker("first")

    with transaction.atomic():
        result = create_group_slowly.enqueue(name, str(started_log))
    wait_for(started_log.exists, message="the task never started")
    celery_processes.kill(first)

    assert not Group.objects.filter(name=name).exists()  # the killed run left nothing
    row = OutboxTask.objects.get(pk=result.id)
    assert row.finished_at is None and row.attempts == 1

    celery_processes.worker("second")

    wait_for(
        lambda: OutboxTask.objects.filter(pk=result.id, finished_at__isnull=False).exists(),
        timeout=60,
        message="the killed task was not delivered again",
    )
    assert started_log.read_text().count("started") == 2
    assert Group.objects.filter(name=name).count() == 1
    assert OutboxTask.objects.get(pk=result.id).attempts == 2


def test_a_task_whose_pool_process_dies_is_run_again_by_the_same_worker(celery_processes, tmp_path):
    started_log = tmp_path / "starts.log"
    name = f"group-{uuid.uuid4().hex[:8]}"
    celery_processes.worker("prefork", pool="prefork")

    with transaction.atomic():
        result = create_group_slowly.enqueue(name, str(started_log))
    wait_for(started_log.exists, message="the task never started")
    child = int(started_log.read_text().split()[-1])
    os.kill(child, signal.SIGKILL)  # as the out-of-memory killer would

    wait_for(
        lambda: OutboxTask.objects.filter(pk=result.id, finished_at__isnull=False).exists(),
        timeout=60,
        message="the task was not run again after its pool process died",
    )
    assert started_log.read_text().count("started") == 2
    assert Group.objects.filter(name=name).count() == 1
    assert OutboxTask.objects.get(pk=result.id).attempts == 2


def test_a_notification_interrupted_while_mailing_is_delivered_once(celery_processes, slow_smtp):
    it = TeamFactory(name="IT")
    owner, author = person(username="owner", team=it), person(username="author", team=it)
    campaign = challenge(owner=owner, audience=[it])
    first = celery_processes.worker("first", EMAIL_PORT=str(slow_smtp.port))
    wait_for(lambda: not OutboxTask.objects.pending().exists(), message="set-up tasks left")

    slow_smtp.hold.set()
    idea = submit_idea(user=author, challenge=campaign, title="Vélos", description="Un parking.")
    wait_for(slow_smtp.holding.is_set, message="the owner's email was never sent")
    celery_processes.kill(first)
    slow_smtp.release.set()

    event = f"idea-submitted:{idea.pk}"
    delivery = OutboxTask.objects.get(task_path="ideas.tasks.deliver_notifications", args__0=event)
    assert delivery.finished_at is None
    assert not Notification.objects.filter(key=f"ideas:{event}").exists()
    assert slow_smtp.messages == []

    celery_processes.worker("second", EMAIL_PORT=str(slow_smtp.port))

    wait_for(
        lambda: OutboxTask.objects.filter(pk=delivery.pk, finished_at__isnull=False).exists(),
        timeout=60,
        message="the interrupted notification was not delivered again",
    )
    notice = Notification.objects.get(key=f"ideas:{event}")
    assert notice.recipient == owner and notice.emailed_at is not None
    assert [message["To"] for message in slow_smtp.messages] == ["owner@example.org"]
    assert OutboxTask.objects.get(pk=delivery.pk).attempts == 2


def test_a_worker_killed_midway_through_a_batch_of_emails_never_resends_the_ones_sent(
    celery_processes, slow_smtp
):
    """One task mails three people; the worker dies while the second email is on its way. The
    first was accepted by the mail server: the retry sends the other two, not the first again,
    although the killed run's transaction (notices included) was rolled back."""
    it = TeamFactory(name="IT")
    owner = person(username="owner", team=it)
    followers = [person(username=name, team=it) for name in ("follower1", "follower2")]
    author = person(username="author", team=it)
    campaign = challenge(owner=owner, audience=[it])
    for follower in followers:
        Follow.objects.create(user=follower, challenge=campaign)
    first = celery_processes.worker("first", EMAIL_PORT=str(slow_smtp.port))
    wait_for(lambda: not OutboxTask.objects.pending().exists(), message="set-up tasks left")

    slow_smtp.accept_before_hold = 1
    slow_smtp.hold.set()
    idea = submit_idea(user=author, challenge=campaign, title="Vélos", description="Un parking.")
    wait_for(slow_smtp.holding.is_set, message="the second email was never sent")
    celery_processes.kill(first)
    slow_smtp.release.set()
    [accepted] = [message["To"] for message in slow_smtp.messages]
    event = f"idea-submitted:{idea.pk}"
    delivery = OutboxTask.objects.get(task_path="ideas.tasks.deliver_notifications", args__0=event)
    assert delivery.finished_at is None

    celery_processes.worker("second", EMAIL_PORT=str(slow_smtp.port))

    wait_for(
        lambda: OutboxTask.objects.filter(pk=delivery.pk, finished_at__isnull=False).exists(),
        timeout=60,
        message="the interrupted batch was not delivered again",
    )
    received = sorted(message["To"] for message in slow_smtp.messages)
    everyone = sorted(user.email for user in (owner, *followers))
    assert received == everyone, f"{accepted} was mailed before the kill"
    notices = Notification.objects.filter(key=f"ideas:{event}")
    assert notices.count() == 3 and not notices.filter(emailed_at__isnull=True).exists()
