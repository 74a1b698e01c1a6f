from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from core.models import Delivery, OutboxTask
from core.outbox import RUN_OUTBOX_TASK, relay_due_tasks, run_stored_task

if TYPE_CHECKING:
    from celery import Task

DELIVERY_RETENTION_DAYS = 90


# The outbox row is the task's record: no result is stored, so sending a task never waits on
# the result backend (a Redis that is down would hold a web request for half a minute, and
# leave beat unable to send the relay once it is back).
@shared_task(name=RUN_OUTBOX_TASK, acks_late=True, ignore_result=True)
def run_outbox_task(outbox_id: int) -> str:
    return run_stored_task(outbox_id)


@shared_task(name="intranet.relay_outbox", ignore_result=True)
def relay_outbox() -> int:
    return relay_due_tasks()


@shared_task(name="intranet.purge_finished_outbox", ignore_result=True)
def purge_finished_outbox() -> int:
    cutoff = timezone.now() - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _ = OutboxTask.objects.filter(finished_at__lt=cutoff).delete()
    # A dead task may be replayed weeks later: its deliveries are remembered far longer.
    delivered_before = timezone.now() - timedelta(days=DELIVERY_RETENTION_DAYS)
    Delivery.objects.filter(delivered_at__lt=delivered_before).delete()
    return deleted


@shared_task(name="intranet.ping", bind=True)
def ping(self: Task, message: str) -> dict[str, str]:
    """Answers from a worker: used by health checks and the suite's smoke test."""
    return {"reply": f"pong: {message}", "worker": self.request.hostname}
