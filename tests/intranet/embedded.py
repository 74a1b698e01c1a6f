"""Ruche in its embedded mode (SQLite file, database search, inline tasks), run in a child
process: the suite itself runs on PostgreSQL, so these tests start `manage.py` or a script
with the `dev` settings on a real SQLite file, migrated once per session and copied per test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.processes import REPO

# The variables that would switch the child to the full mode of the suite.
FULL_MODE_VARIABLES = (
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "SEARCH_BACKEND",
    "SEARCH_URL",
    "SEARCH_INDEX_PREFIX",
    "CACHE_URL",
    "EMAIL_BACKEND",
    "RUCHE_TEST_SLOT",
)


def embedded_environment(database: Path, **extra: str) -> dict[str, str]:
    """The environment of `make run` (dev settings, no services) on this SQLite file."""
    environment = {
        name: value for name, value in os.environ.items() if name not in FULL_MODE_VARIABLES
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "intranet.settings.dev",
            "DATABASE_URL": f"sqlite:///{database}",
            "PYTHONPATH": str(REPO),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",  # the log is read while the process runs
            **extra,
        }
    )
    return environment


def run_embedded(arguments: list[str], database: Path, *, timeout: float = 300, **extra):
    """Run `python <arguments>` in the embedded mode; returns the finished process."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=REPO,
        env=embedded_environment(database, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def migrated_database(template: Path, target: Path) -> Path:
    """A copy of the session's migrated SQLite database (migrating takes half a minute)."""
    if not template.exists():
        done = run_embedded(["manage.py", "migrate", "--no-input", "-v0"], template)
        assert done.returncode == 0, done.stderr[-3000:]
    shutil.copyfile(template, target)
    return target
