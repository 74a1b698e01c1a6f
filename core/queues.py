"""Which Celery queue a task goes to, from `CELERY_TASK_ROUTES` in the settings.

Celery routes its own tasks (beat jobs, digest batches) by name with that setting. Every
django-tasks task, though, reaches the broker as the one Celery task that runs outbox rows
(`intranet.run_outbox_task`): the outbox names its queue itself, by matching the stored task's
path against the same patterns. So one table in the settings routes both, and the kernel needs
to know no app: apps' tasks are named there by path or by name.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from django.conf import settings

DEFAULT_QUEUE = "default"


def _routes() -> dict[str, Any]:
    routes = getattr(settings, "CELERY_TASK_ROUTES", None) or {}
    if not isinstance(routes, dict):
        raise TypeError("CELERY_TASK_ROUTES must be a dict of glob pattern -> {'queue': name}")
    return routes


def queue_for(task_name: str) -> str:
    """The queue of a Celery task name or a django-tasks task path: the first pattern of
    `CELERY_TASK_ROUTES` that matches it, else `CELERY_TASK_DEFAULT_QUEUE`."""
    for pattern, route in _routes().items():
        if fnmatchcase(task_name, pattern):
            queue = route["queue"] if isinstance(route, dict) else route
            return str(queue)
    return str(getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", DEFAULT_QUEUE))
