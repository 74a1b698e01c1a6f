"""Processes the suite starts on the test database (Celery worker and beat, the embedded
server's children) and waiting for what they, or the search engine, do in the background."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.mail import SERVER as SMTP

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"


def embedded_environment(folder: Path) -> dict[str, str]:
    """The environment `make run` gives Ruche: SQLite in `folder`, Wagtail's database search,
    no broker; nothing of the suite's own services."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CELERY_", "SEARCH_", "DATABASE_", "DJANGO_", "RUCHE_TEST"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="intranet.settings.dev",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        SEARCH_BACKEND="database",
        MEDIA_ROOT=str(folder / "media"),
        RATE_LIMITS_ENABLED="0",
        ALLOWED_HOSTS="testserver",
        PYTHONPATH=str(REPO),
        DEBUG="0",
    )
    return env


def worker_environment() -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intranet.settings.test",
        "DATABASE_URL": url,
        "PYTHONPATH": str(REPO),
        # The worker mails through real SMTP to the suite's server (tests/mail.py).
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP.port),
    }


def start_celery(
    arguments: list[str], *, log_path: Path, env: dict[str, str] | None = None, **popen
) -> subprocess.Popen:
    """`celery -A intranet <arguments>` on the test database, its output in `log_path`."""
    ARTIFACTS.mkdir(exist_ok=True)
    with log_path.open("w") as log:  # the child keeps its own copy of the file descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "intranet", *arguments],
            cwd=REPO,
            env=env or worker_environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            **popen,
        )


def stop_process(process: subprocess.Popen, timeout: float = 20) -> None:
    """Ask a process to stop; kill it if it does not within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_for(predicate, *, timeout: float = 30, interval: float = 0.2, message: str = ""):
    """Poll until `predicate()` is truthy; the real worker and engine take a moment."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(message or "condition not met in time")


def queue_names() -> list[str]:
    """Every Celery queue of the settings (`search`, `email`, `analytics`, `default`)."""
    return [queue.name for queue in settings.CELERY_TASK_QUEUES]


def settle_queues(*, timeout: float = 120, rounds: int = 2) -> None:
    """Wait until a worker consuming every queue has run what was sent before.

    The suite's worker runs one task at a time and takes each queue's messages in order, so
    a ping's answer on a queue means that queue is done; a task may enqueue onto another queue
    meanwhile (a notice posted on `default` then emailed on `email`), hence more than one round.
    """
    from core.tasks import ping

    for _ in range(rounds):
        for queue in queue_names():
            ping.apply_async(args=["settle"], queue=queue).get(timeout=timeout)
