"""Posting a notice: once per person and event, its email once, even when the task that
posts it runs twice at the same time."""

import pytest

from notifications.models import Notification
from notifications.services import notify
from tests.ideas.concurrency import run_in_threads
from tests.ideas.factories import challenge
from tests.people.factories import UserFactory, person


@pytest.mark.django_db(transaction=True)
def test_two_runs_of_the_same_event_at_once_post_and_email_each_notice_once(smtp_server):
    readers = [UserFactory(username=f"r{n}") for n in range(5)]
    ids = [reader.pk for reader in readers]

    outcomes = run_in_threads(
        4,
        lambda n: notify(
            recipient_ids=ids, key="ideas:answer:42", message="L'idée est retenue", url="/i/"
        ),
    )

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    assert sum(outcomes) == len(readers)
    assert Notification.objects.filter(key="ideas:answer:42").count() == len(readers)
    for reader in readers:
        [message] = smtp_server.to(reader.email)
        assert message["Subject"] == "[Ruche] L'idée est retenue"
        assert "http://127.0.0.1:8000/i/" in smtp_server.body(message)


@pytest.mark.django_db
def test_a_notice_for_a_deactivated_person_is_kept_but_not_emailed(smtp_server):
    gone = UserFactory(username="parti", is_active=False)

    assert notify(recipient_ids=[gone.pk], key="test:gone", message="Bonjour") == 0

    assert smtp_server.messages == []
    assert Notification.objects.filter(recipient=gone, key="test:gone").exists()


@pytest.mark.django_db
def test_a_refused_address_delays_only_its_own_email_and_nobody_is_mailed_twice(smtp_server):
    """The outbox runs a task in one transaction: a send refused midway must not undo the
    record of the emails already accepted, or the task's retry would send them again."""
    from django.utils import timezone

    from core.models import OutboxTask
    from core.outbox import run_stored_task
    from ideas.models import Follow
    from ideas.services import submit_idea

    owner, first, second = (
        person(username="owner"),
        person(username="first"),
        person(username="second"),
    )
    bikes = challenge(owner=owner, title="Vélo")
    for follower in (first, second):
        Follow.objects.create(user=follower, challenge=bikes)
    submit_idea(
        user=person(username="author"), challenge=bikes, title="Garage", description="Au sous-sol"
    )
    smtp_server.refused.add(first.email)

    delivery = OutboxTask.objects.get(task_path="ideas.tasks.deliver_notifications")
    assert run_stored_task(delivery.pk) == "done"

    assert sorted(m["X-Envelope-To"] for m in smtp_server.messages) == [
        owner.email,
        second.email,
    ]
    assert Notification.objects.filter(emailed_at__isnull=True).get().recipient == first
    retry = OutboxTask.objects.get(task_path="notifications.tasks.email_pending_notices")
    assert retry.next_attempt_at > timezone.now()  # after a back-off

    smtp_server.refused.clear()
    assert run_stored_task(retry.pk) == "done"
    assert run_stored_task(delivery.pk) == "skipped"

    for reader in (owner, first, second):
        assert len(smtp_server.to(reader.email)) == 1, reader.username
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


@pytest.mark.django_db
def test_an_email_still_refused_after_every_attempt_waits_for_the_digest(smtp_server):
    from core.models import OutboxTask
    from core.outbox import run_stored_task
    from notifications.emails import EMAIL_ATTEMPTS

    reader = UserFactory(username="bounce")
    smtp_server.refused.add(reader.email)

    assert notify(recipient_ids=[reader.pk], key="test:bounce", message="Bonjour") == 0
    retries = OutboxTask.objects.filter(task_path="notifications.tasks.email_pending_notices")
    for _attempt in range(EMAIL_ATTEMPTS - 1):
        assert run_stored_task(retries.get(finished_at__isnull=True).pk) == "done"

    assert not retries.filter(finished_at__isnull=True).exists()  # it gave up
    assert retries.count() == EMAIL_ATTEMPTS - 1
    assert smtp_server.messages == []
    notice = Notification.objects.get(key="test:bounce")
    assert notice.emailed_at is None and notice.read_at is None  # an unread notice, for the digest
