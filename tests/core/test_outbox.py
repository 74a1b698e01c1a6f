"""Background tasks are stored with the write and run exactly once by a real worker."""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from core.models import OutboxTask
from core.outbox import MOVED_TASKS, relay_due_tasks, run_stored_task
from tests.core.tasks_for_tests import create_group
from tests.processes import wait_for


@pytest.mark.django_db(transaction=True)
def test_an_enqueued_task_runs_on_the_worker_after_commit(celery_worker):
    name = f"group-{uuid.uuid4().hex[:8]}"

    with transaction.atomic():
        result = create_group.enqueue(name)
        assert OutboxTask.objects.filter(pk=result.id, finished_at=None).exists()

    wait_for(lambda: Group.objects.filter(name=name).exists(), message="task never ran")
    row = wait_for(
        lambda: OutboxTask.objects.filter(pk=result.id, finished_at__isnull=False).first()
    )
    assert row.attempts == 1
    assert create_group.get_result(result.id).status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_in_a_rolled_back_transaction_never_runs(celery_worker):
    name = f"group-{uuid.uuid4().hex[:8]}"

    with pytest.raises(RuntimeError), transaction.atomic():
        create_group.enqueue(name)
        raise RuntimeError("the write failed")

    assert not OutboxTask.objects.exists()
    assert not Group.objects.filter(name=name).exists()


@pytest.mark.django_db(transaction=True)
def test_the_relay_delivers_a_task_the_broker_never_received(celery_worker):
    name = f"group-{uuid.uuid4().hex[:8]}"
    row = OutboxTask.objects.create(
        task_path="tests.core.tasks_for_tests.create_group",
        args=[name],
        next_attempt_at=timezone.now(),
    )

    assert relay_due_tasks() == 1

    wait_for(lambda: Group.objects.filter(name=name).exists(), message="relay lost the task")
    wait_for(lambda: OutboxTask.objects.filter(pk=row.pk, finished_at__isnull=False).exists())


@pytest.mark.django_db
def test_a_redelivered_task_has_its_effect_once():
    row = OutboxTask.objects.create(
        task_path="tests.core.tasks_for_tests.create_group",
        args=["once"],
        next_attempt_at=timezone.now(),
    )

    assert run_stored_task(row.pk) == "done"
    assert run_stored_task(row.pk) == "skipped"

    assert Group.objects.filter(name="once").count() == 1


@pytest.mark.django_db
def test_a_row_stored_before_its_task_moved_runs_the_moved_task(monkeypatch):
    # This test module's tasks lived in tests/intranet/ before the kernel moved to core/.
    old_path = "tests.intranet.tasks_for_tests.create_group"
    monkeypatch.setitem(MOVED_TASKS, old_path, "tests.core.tasks_for_tests.create_group")
    row = OutboxTask.objects.create(
        task_path=old_path, args=["moved"], next_attempt_at=timezone.now()
    )

    assert run_stored_task(row.pk) == "done"

    assert Group.objects.filter(name="moved").exists()


@pytest.mark.django_db
def test_a_failing_task_is_kept_for_a_later_retry_with_back_off():
    Group.objects.create(name="taken")
    row = OutboxTask.objects.create(
        task_path="tests.core.tasks_for_tests.create_group",
        args=["taken"],
        next_attempt_at=timezone.now(),
    )

    assert run_stored_task(row.pk) == "failed"

    row.refresh_from_db()
    assert row.finished_at is None
    assert row.attempts == 1
    assert "IntegrityError" in row.last_error
    assert row.next_attempt_at > timezone.now()
    assert Group.objects.filter(name="taken").count() == 1
