"""A django-tasks backend that stores each task with the write, then relays it to Celery.

Why not an existing django-tasks Celery backend: `django-tasks-celery` needs Python 3.12, and
`django-tasks-fennel` sends to the broker synchronously at enqueue time, before the
transaction commits. A worker may then read data that is not committed yet, and a broker that
is down makes the write itself fail or loses the task. The outbox keeps the task in
PostgreSQL until a worker has run it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskError, TaskResult, TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.utils import normalize_json

from intranet.models import OutboxTask

logger = logging.getLogger(__name__)

# The relay waits this long before resending a task that was handed to the broker, so that a
# message still queued is not sent twice (a duplicate would be harmless, only wasteful).
DELIVERY_GRACE = timedelta(minutes=2)


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off: 30 s, 1 min, 2 min, ... capped at one hour."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def send_to_broker(outbox_id: int) -> bool:
    """Hand one stored task to Celery; a broker that is down is logged, not raised."""
    from intranet.tasks import run_outbox_task

    try:
        run_outbox_task.apply_async(args=[outbox_id], retry=False)
    except Exception:  # noqa: BLE001 - any broker failure leaves the task for the relay
        logger.warning("Broker unavailable; outbox task %s waits for the relay", outbox_id)
        return False
    return True


def _claim(outbox_id: int) -> bool:
    """Count the attempt in its own transaction before running the task.

    A worker killed mid-task rolls back everything it did inside the task's transaction; were
    the attempt counted there too, a task that kills its worker every time (out of memory, a
    crash in a library) would be redelivered forever. Counted here, it backs off and stops at
    OUTBOX_MAX_ATTEMPTS like a task that raises.
    """
    with transaction.atomic():
        row = (
            OutboxTask.objects.select_for_update(skip_locked=True)
            .filter(
                pk=outbox_id,
                finished_at__isnull=True,
                attempts__lt=settings.OUTBOX_MAX_ATTEMPTS,
            )
            .first()
        )
        if row is None:
            return False
        row.attempts += 1
        # Not resent while it runs; if its worker dies, resent after the back-off.
        row.next_attempt_at = timezone.now() + max(retry_delay(row.attempts), DELIVERY_GRACE)
        row.save(update_fields=["attempts", "next_attempt_at"])
    return True


def send_after_commit(outbox_id: int) -> None:
    """Send a task as soon as its write commits; if the broker is down, leave it due now.

    The relay then sends it at its first run after the broker returns, rather than after the
    delivery grace that only protects messages the broker did receive.
    """
    if not send_to_broker(outbox_id):
        OutboxTask.objects.filter(pk=outbox_id, finished_at__isnull=True).update(
            next_attempt_at=timezone.now()
        )


def run_stored_task(outbox_id: int) -> str:
    """Run one stored task exactly once; returns what happened, for logs and tests.

    The task runs in the same transaction that marks it finished, under the row's lock: a
    redelivered message finds it locked or finished and skips it, and a worker killed mid-task
    leaves no partial effect in the database, only an unfinished row that is delivered again.
    """
    if not _claim(outbox_id):
        return "skipped"
    with transaction.atomic():
        row = (
            OutboxTask.objects.select_for_update(skip_locked=True)
            .filter(pk=outbox_id, finished_at__isnull=True)
            .first()
        )
        if row is None:
            return "skipped"
        task = import_string(row.task_path)
        try:
            with transaction.atomic():
                task.call(*row.args, **row.kwargs)
        except Exception as error:
            row.last_error = f"{type(error).__name__}: {error}"[:2000]
            row.next_attempt_at = timezone.now() + retry_delay(row.attempts)
            row.save(update_fields=["last_error", "next_attempt_at"])
            logger.exception("Outbox task %s (%s) failed", outbox_id, row.task_path)
            return "failed"
        row.finished_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["finished_at", "last_error"])
        return "done"


def relay_due_tasks(limit: int = 500) -> int:
    """Send the tasks that are due (never sent, lost, or waiting for a retry)."""
    now = timezone.now()
    due_ids = list(
        OutboxTask.objects.due(now)
        .filter(attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for outbox_id in due_ids:
        if not send_to_broker(outbox_id):
            break
        OutboxTask.objects.filter(pk=outbox_id).update(next_attempt_at=now + DELIVERY_GRACE)
        sent += 1
    return sent


class OutboxBackend(BaseTaskBackend):
    supports_defer = True
    supports_get_result = True

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        now = timezone.now()
        run_after = task.run_after or now
        row = OutboxTask.objects.create(
            task_path=task.module_path,
            args=normalize_json(list(args)),
            kwargs=normalize_json(dict(kwargs)),
            queue_name=task.queue_name,
            next_attempt_at=max(run_after, now + DELIVERY_GRACE),
        )
        if run_after <= now and settings.OUTBOX_SEND_ON_COMMIT:
            transaction.on_commit(lambda: send_after_commit(row.pk))
        return self._result(task, row)

    def get_result(self, result_id: str) -> TaskResult:
        try:
            row = OutboxTask.objects.get(pk=result_id)
        except (OutboxTask.DoesNotExist, ValueError) as missing:
            raise TaskResultDoesNotExist(result_id) from missing
        return self._result(import_string(row.task_path), row)

    def _result(self, task: Task, row: OutboxTask) -> TaskResult:
        if row.finished_at:
            status = TaskResultStatus.SUCCESSFUL
        elif row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            status = TaskResultStatus.FAILED
        else:
            status = TaskResultStatus.READY
        errors = [TaskError(exception_class_path="", traceback=row.last_error)] * bool(
            row.last_error
        )
        return TaskResult(
            task=task,
            id=str(row.pk),
            status=status,
            enqueued_at=row.created_at,
            started_at=None,
            last_attempted_at=None,
            finished_at=row.finished_at,
            args=row.args,
            kwargs=row.kwargs,
            backend=self.alias,
            errors=errors,
            worker_ids=[],
        )
