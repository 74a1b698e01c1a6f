"""A django-tasks backend that stores each task with the write, then relays it to Celery.

Why not an existing django-tasks Celery backend: `django-tasks-celery` needs Python 3.12, and
`django-tasks-fennel` sends to the broker synchronously at enqueue time, before the
transaction commits. A worker may then read data that is not committed yet, and a broker that
is down makes the write itself fail or loses the task. The outbox keeps the task in
PostgreSQL until a worker has run it.

Nothing that changes what search shows (or who may open a document) is ever dropped: index
work (`RETRIED_FOREVER`) is retried with a back-off capped at `INDEX_RETRY_CAP` for as long as
it fails. Any other task gets OUTBOX_MAX_ATTEMPTS; then it is *dead*: kept, logged as an
error, listed by `outbox_status`, `search_index_status` and the admin's Reports → Background
tasks, until an operator replays it (`replay_dead_tasks`). Without a broker (the embedded mode,
or an engine with no broker) tasks run inline through `InlineBackend`: one that fails is
stored here and replayed by the relay, which then runs due tasks in the process.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, TypeVar

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task_backends
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskError, TaskResult, TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.utils import normalize_json

from core.models import OutboxTask
from core.queues import queue_for

logger = logging.getLogger(__name__)

T = TypeVar("T")

# The Celery task a worker runs a stored task with (core/tasks.py); its name predates the
# kernel, and messages already queued carry it.
RUN_OUTBOX_TASK = "intranet.run_outbox_task"

# Tasks whose function moved: rows stored before the move name the old path. Add a line when
# moving a task; never remove one while such rows may wait (dead tasks are kept for replay).
MOVED_TASKS: dict[str, str] = {}

# The relay waits this long before resending a task that was handed to the broker, so that a
# message still queued is not sent twice (a duplicate would be harmless, only wasteful).
DELIVERY_GRACE = timedelta(minutes=2)


# Tasks that bring the unified search index, or Wagtail's reference index (which decides who
# may download a document), in line with the database: they may fail for as long as the engine
# is down, and are retried until they succeed.
RETRIED_FOREVER = frozenset(
    {"search.tasks.sync_documents", "wagtail.tasks.update_reference_index_task"}
)
# Their back-off stops growing here, so that the index catches up soon after the engine returns.
INDEX_RETRY_CAP = timedelta(minutes=5)


def stored_task(task_path: str) -> Task[..., Any]:
    """The task a row names, following `MOVED_TASKS` for rows stored before a move."""
    task: Task[..., Any] = import_string(MOVED_TASKS.get(task_path, task_path))
    return task


def retry_delay(attempts: int, cap: timedelta = timedelta(hours=1)) -> timedelta:
    """Exponential back-off: 30 s, 1 min, 2 min, ... capped at `cap` (one hour)."""
    seconds = 30 * 2 ** min(max(attempts - 1, 0), 20)
    return timedelta(seconds=min(seconds, cap.total_seconds()))


def retries_forever(task_path: str) -> bool:
    return MOVED_TASKS.get(task_path, task_path) in RETRIED_FOREVER


def task_retry_delay(task_path: str, attempts: int) -> timedelta:
    if retries_forever(task_path):
        return retry_delay(attempts, cap=INDEX_RETRY_CAP)
    return retry_delay(attempts)


def out_of_attempts(row: OutboxTask) -> bool:
    return not retries_forever(row.task_path) and row.attempts >= settings.OUTBOX_MAX_ATTEMPTS


def _declare_dead(row: OutboxTask) -> None:
    """Mark a task dead (in the caller's transaction) and say so in an ERROR log line."""
    row.dead_at = timezone.now()
    row.save(update_fields=["dead_at", "last_error"])
    logger.error(
        "Outbox task #%s (%s) is dead after %s attempts; replay it with "
        "`manage.py replay_dead_tasks --id %s` once the cause is fixed. Last error: %s",
        row.pk,
        row.task_path,
        row.attempts,
        row.pk,
        row.last_error or "its worker died while running it",
    )


def uses_broker() -> bool:
    """False when tasks run inline (no broker): the relay then runs due tasks itself."""
    return isinstance(task_backends["default"], OutboxBackend)


def send_to_broker(outbox_id: int, task_path: str) -> bool:
    """Hand one stored task to Celery, on the queue its task path is routed to
    (`core.queues`); a broker that is down is logged, not raised."""
    queue = queue_for(MOVED_TASKS.get(task_path, task_path))
    try:
        current_app.send_task(RUN_OUTBOX_TASK, args=[outbox_id], queue=queue, retry=False)
    except Exception:  # noqa: BLE001 - any broker failure leaves the task for the relay
        logger.warning("Broker unavailable; outbox task %s waits for the relay", outbox_id)
        return False
    return True


def _lock_pending(outbox_id: int) -> OutboxTask | None:
    """The task's row, locked, if it still waits to run and no other worker holds it."""
    return (
        OutboxTask.objects.pending()
        .select_for_update(skip_locked=True)
        .filter(pk=outbox_id)
        .first()
    )


def _claim(outbox_id: int) -> str:
    """Count the attempt in its own transaction before running the task.

    A worker killed mid-task rolls back everything it did inside the task's transaction; were
    the attempt counted there too, a task that kills its worker every time (out of memory, a
    crash in a library) would be redelivered forever. Counted here, it backs off and dies at
    OUTBOX_MAX_ATTEMPTS like a task that raises (index work is tried again, for ever).
    Returns "run", "skipped" (finished, dead, or being run) or "dead".
    """
    with transaction.atomic():
        row = _lock_pending(outbox_id)
        if row is None:
            return "skipped"
        if out_of_attempts(row):  # every attempt so far ended with its worker killed
            _declare_dead(row)
            return "dead"
        row.attempts += 1
        # Not resent while it runs; if its worker dies, resent after the back-off.
        delay = task_retry_delay(row.task_path, row.attempts)
        row.next_attempt_at = timezone.now() + max(delay, DELIVERY_GRACE)
        row.save(update_fields=["attempts", "next_attempt_at"])
    return "run"


def send_after_commit(outbox_id: int, task_path: str) -> None:
    """Send a task as soon as its write commits; if the broker is down, leave it due now.

    The relay then sends it at its first run after the broker returns, rather than after the
    delivery grace that only protects messages the broker did receive.
    """
    if not send_to_broker(outbox_id, task_path):
        OutboxTask.objects.filter(pk=outbox_id, finished_at__isnull=True).update(
            next_attempt_at=timezone.now()
        )


def run_stored_task(outbox_id: int) -> str:
    """Run one stored task exactly once; returns what happened, for logs and tests.

    The task runs in the same transaction that marks it finished, under the row's lock: a
    redelivered message finds it locked or finished and skips it, and a worker killed mid-task
    leaves no partial effect in the database, only an unfinished row that is delivered again.
    """
    claimed = _claim(outbox_id)
    if claimed != "run":
        return claimed
    with transaction.atomic():
        row = _lock_pending(outbox_id)
        if row is None:
            return "skipped"
        task = stored_task(row.task_path)
        try:
            with transaction.atomic():
                task.call(*row.args, **row.kwargs)
        except Exception as error:
            row.last_error = f"{type(error).__name__}: {error}"[:2000]
            if out_of_attempts(row):
                _declare_dead(row)
                return "dead"
            row.next_attempt_at = timezone.now() + task_retry_delay(row.task_path, row.attempts)
            row.save(update_fields=["last_error", "next_attempt_at"])
            logger.warning(
                "Outbox task #%s (%s) failed, attempt %s; retried later",
                outbox_id,
                row.task_path,
                row.attempts,
                exc_info=True,
            )
            return "failed"
        row.finished_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["finished_at", "last_error"])
        return "done"


def relay_due_tasks(limit: int = 500) -> int:
    """Send the tasks that are due (never sent, lost, or waiting for a retry); without a
    broker, run them here. Dead tasks wait for `replay_dead_tasks`."""
    now = timezone.now()
    due = list(OutboxTask.objects.due(now).values_list("pk", "task_path")[:limit])
    if not uses_broker():
        return sum(run_stored_task(outbox_id) == "done" for outbox_id, _path in due)
    sent = 0
    for outbox_id, task_path in due:
        if not send_to_broker(outbox_id, task_path):
            break
        OutboxTask.objects.filter(pk=outbox_id).update(next_attempt_at=now + DELIVERY_GRACE)
        sent += 1
    return sent


def replay_dead_tasks(*, ids: list[int] | None = None, task_paths: list[str] | None = None) -> int:
    """Give dead tasks (all, or those of `ids` / `task_paths`) a fresh set of attempts, due now.

    Idempotent: a task that is no longer dead (replayed already, or finished) is left alone.
    With a broker the tasks are sent after commit (and by the relay); without one they run
    here. Returns how many were replayed.
    """
    with transaction.atomic():
        dead = OutboxTask.objects.dead().select_for_update()
        if ids is not None:
            dead = dead.filter(pk__in=ids)
        if task_paths is not None:
            dead = dead.filter(task_path__in=task_paths)
        replayed = dict(dead.values_list("pk", "task_path"))
        OutboxTask.objects.filter(pk__in=replayed).update(
            dead_at=None, attempts=0, next_attempt_at=timezone.now()
        )
        for outbox_id in replayed:
            logger.info("Outbox task #%s replayed by an operator", outbox_id)
    if not uses_broker():
        for outbox_id in replayed:
            run_stored_task(outbox_id)
    elif settings.OUTBOX_SEND_ON_COMMIT:
        for outbox_id, task_path in replayed.items():
            send_after_commit(outbox_id, task_path)
    return len(replayed)


class StoredResultsBackend(BaseTaskBackend):
    """The result of a task is its outbox row."""

    supports_get_result = True

    def get_result(self, result_id: str) -> TaskResult[Any]:
        try:
            row = OutboxTask.objects.get(pk=result_id)
        except (OutboxTask.DoesNotExist, ValueError) as missing:
            raise TaskResultDoesNotExist(result_id) from missing
        return self._result(stored_task(row.task_path), row)

    def _result(self, task: Task[..., T], row: OutboxTask) -> TaskResult[T]:
        if row.finished_at:
            status = TaskResultStatus.SUCCESSFUL
        elif row.dead_at:
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


class InlineBackend(StoredResultsBackend):
    """Without a broker: run each task at once, in a savepoint of the caller's transaction.

    A task that fails (an engine that is down, an error in the index update) rolls back alone
    and is stored as a pending outbox row in the caller's transaction, so that it commits with
    the write that needed it; the relay (a beat job, or the embedded scheduler) runs it again
    with back-off. Nothing is lost silently, as it was with django-tasks' ImmediateBackend.
    """

    supports_defer = True
    supports_get_result = True

    # `args` and `kwargs` are the task's P.args and P.kwargs, which no parameter can be typed as.
    def enqueue(self, task: Task[..., T], args: Any, kwargs: Any) -> TaskResult[T]:
        self.validate_task(task)
        now = timezone.now()
        args, kwargs = normalize_json(list(args)), normalize_json(dict(kwargs))
        if task.run_after and task.run_after > now:
            row = OutboxTask.objects.create(
                task_path=task.module_path,
                args=args,
                kwargs=kwargs,
                queue_name=task.queue_name,
                next_attempt_at=task.run_after,
            )
            return self._result(task, row)
        try:
            with transaction.atomic():
                task.call(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - kept and retried, never lost
            row = OutboxTask.objects.create(
                task_path=task.module_path,
                args=args,
                kwargs=kwargs,
                queue_name=task.queue_name,
                attempts=1,
                last_error=f"{type(error).__name__}: {error}"[:2000],
                next_attempt_at=now + task_retry_delay(task.module_path, 1),
            )
            logger.warning(
                "Inline task %s failed; kept as outbox task #%s for a retry",
                task.module_path,
                row.pk,
                exc_info=True,
            )
            return self._result(task, row)
        return TaskResult(
            task=task,
            id="",
            status=TaskResultStatus.SUCCESSFUL,
            enqueued_at=now,
            started_at=now,
            last_attempted_at=now,
            finished_at=timezone.now(),
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )


class OutboxBackend(StoredResultsBackend):
    supports_defer = True
    supports_get_result = True

    def enqueue(self, task: Task[..., T], args: Any, kwargs: Any) -> TaskResult[T]:
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
            transaction.on_commit(lambda: send_after_commit(row.pk, row.task_path))
        return self._result(task, row)
