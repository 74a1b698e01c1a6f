from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxTaskQuerySet(models.QuerySet["OutboxTask"]):
    def pending(self) -> OutboxTaskQuerySet:
        """Waiting to run, or to run again: neither finished nor dead."""
        return self.filter(finished_at__isnull=True, dead_at__isnull=True)

    def dead(self) -> OutboxTaskQuerySet:
        """Out of attempts: kept for an operator to see and replay (`replay_dead_tasks`)."""
        return self.filter(finished_at__isnull=True, dead_at__isnull=False)

    def due(self, now: datetime) -> OutboxTaskQuerySet:
        return self.pending().filter(next_attempt_at__lte=now)


class OutboxTask(models.Model):
    """A background task written in the same transaction as the change that needs it.

    The row is the promise: if the broker or the engine is down, the change still commits and
    the relay hands the task to a worker later. A worker runs it under a row lock and marks it
    finished in the same transaction, so a redelivered message never runs it twice.
    """

    task_path = models.CharField(max_length=255)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    queue_name = models.CharField(max_length=100, default="default")
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Set when a task that may die ran out of OUTBOX_MAX_ATTEMPTS; index work never dies.
    dead_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = OutboxTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("background task")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.task_path} #{self.pk}"
