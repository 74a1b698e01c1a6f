"""Reads of the intranet frame that operators' tools rely on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Q, QuerySet

from intranet.models import OutboxTask


@dataclass(frozen=True)
class OutboxSummary:
    pending: int
    failing: int  # pending, whose last attempt failed
    dead: int
    oldest_pending: datetime | None


def outbox_summary(task_paths: list[str] | None = None) -> OutboxSummary:
    """Pending, failing and dead background tasks (of these task paths), in one query."""
    rows = OutboxTask.objects.filter(finished_at__isnull=True)
    if task_paths is not None:
        rows = rows.filter(task_path__in=task_paths)
    pending = Q(dead_at__isnull=True)
    figures = rows.aggregate(
        pending=Count("pk", filter=pending),
        failing=Count("pk", filter=pending & ~Q(last_error="")),
        dead=Count("pk", filter=Q(dead_at__isnull=False)),
        oldest_pending=Min("created_at", filter=pending),
    )
    return OutboxSummary(**figures)


def dead_tasks(limit: int = 200) -> QuerySet[OutboxTask]:
    """The dead tasks, newest death first."""
    return OutboxTask.objects.dead().order_by("-dead_at", "-pk")[:limit]


def failing_tasks(limit: int = 200) -> QuerySet[OutboxTask]:
    """Pending tasks whose last attempt failed (index work waiting for the engine, say)."""
    return OutboxTask.objects.pending().exclude(last_error="").order_by("created_at")[:limit]
