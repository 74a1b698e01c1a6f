"""Background work held while the demo loads, then done once.

Loading the demo saves thousands of objects; each save asks for its index update, its
reference-index update, renditions of its pictures, sometimes a notice or an email. Run at
once (the embedded mode's inline tasks), the same document would be indexed dozens of times
and `make run` would take minutes; the demo's people would also be emailed about what
"happened" weeks ago. So `tasks_held()` swaps in a backend that only records the tasks, and
`catch_up` then does, once each:

- nothing for the unified search index (`load_demo` rebuilds it afterwards) and for pictures'
  renditions (the demo prepares those it shows first);
- nothing for the messages to people (a guest's invitation: the demo sets its password);
- Wagtail's own search index (the admin's search) in one bulk call per model;
- every other task once, whatever the number of times it was asked for.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.signals import setting_changed
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend
from django_tasks.base import TaskResult
from wagtail.search.backends import get_search_backends
from wagtail.search.index import get_indexed_instance

# Made redundant by what `load_demo` does after the load, or not wanted from a demo load.
SKIPPED_TASKS = {
    "search.tasks.sync_documents",  # the unified index is rebuilt after the load
    "core.images.make_renditions",  # the demo prepares the renditions it shows first
    "people.tasks.send_guest_invitation",  # the demo guest's password is set by the demo
}
WAGTAIL_INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"
HOLDING_BACKEND = f"{__name__}.HoldingBackend"


class HoldingBackend(DummyBackend):
    """Records every task enqueued and runs none (django-tasks' dummy backend)."""


@contextmanager
def tasks_held() -> Iterator[list[TaskResult[Any]]]:
    """Inside the block, tasks are recorded instead of run; yields the list they go to."""
    previous = settings.TASKS
    held: list[TaskResult[Any]] = []
    _use_tasks({**previous, "default": {"BACKEND": HOLDING_BACKEND}})
    try:
        backend = task_backends["default"]
        assert isinstance(backend, HoldingBackend)
        backend.results = held
        yield held
    finally:
        _use_tasks(previous)


def _use_tasks(value: dict[str, Any]) -> None:
    settings.TASKS = value
    # django-tasks forgets its backends when the setting changes (as under override_settings).
    setting_changed.send(sender=type(settings), setting="TASKS", value=value, enter=True)


def catch_up(held: list[TaskResult[Any]], *, deliver: bool = True) -> dict[str, int]:
    """Do the held work once (see the module's docstring); returns how many tasks were run,
    skipped and folded into another. Without `deliver`, only Wagtail's index is caught up:
    the activity of weeks past (ideas answered, RSVPs) sends no notice nor email today."""
    done: dict[str, int] = {"run": 0, "skipped": 0, "folded": 0}
    seen: set[tuple[str, str]] = set()
    to_index: dict[str, set[Any]] = defaultdict(set)
    for result in held:
        path = result.task.module_path
        if path in SKIPPED_TASKS:
            done["skipped"] += 1
            continue
        if path == WAGTAIL_INDEX_TASK:
            app_label, model_name, pk = result.args
            to_index[f"{app_label}.{model_name}"].add(pk)
            done["folded"] += 1
            continue
        if not deliver:
            done["skipped"] += 1
            continue
        call = (path, json.dumps([result.args, result.kwargs], sort_keys=True, default=str))
        if call in seen:
            done["folded"] += 1
            continue
        seen.add(call)
        result.task.call(*result.args, **result.kwargs)
        done["run"] += 1
    for label, pks in to_index.items():
        index_in_bulk(apps.get_model(label), pks)
    return done


def index_in_bulk(model: Any, pks: set[Any]) -> None:
    """Add these objects to Wagtail's search backends, one bulk call per concrete class."""
    by_class: dict[type, list[Any]] = defaultdict(list)
    for instance in model.get_indexed_objects().filter(pk__in=pks):
        indexed = get_indexed_instance(instance, check_exists=False)
        if indexed is not None:
            by_class[type(indexed)].append(indexed)
    for backend in get_search_backends(with_auto_update=True):
        for indexed_class, objects in by_class.items():
            backend.add_bulk(indexed_class, objects)
