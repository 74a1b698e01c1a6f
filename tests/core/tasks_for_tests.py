"""django-tasks tasks with a visible database effect, for tests of the outbox."""

import os
import time
from pathlib import Path

from django.contrib.auth.models import Group
from django_tasks import task


@task()
def create_group(name: str) -> None:
    Group.objects.create(name=name)


@task()
def create_group_slowly(name: str, started_log: str) -> None:
    """Creates a group, notes each start in `started_log`, and lingers the first time.

    The note is a file, outside the database transaction, so it survives a killed worker.
    """
    log = Path(started_log)
    first_start = not log.exists()
    with log.open("a") as notes:
        notes.write(f"started in process {os.getpid()}\n")
    Group.objects.create(name=name)
    if first_start:
        time.sleep(120)  # the test kills the worker here
