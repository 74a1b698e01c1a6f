"""The suite runs on the real services of `make services`; a missing one stops the run."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from tests.mail import SERVER as SMTP

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"


def pytest_sessionstart(session):
    SMTP.start()
    problems = []
    try:
        redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=3).ping()
    except redis.RedisError as error:
        problems.append(f"Redis at {settings.CELERY_BROKER_URL}: {error}")
    from wagtail.search.backends import get_search_backend

    try:
        health = get_search_backend().es.cluster.health()
        if health["status"] == "red":
            problems.append(f"OpenSearch at {settings.SEARCH_URL}: cluster is red")
    except Exception as error:  # noqa: BLE001 - any failure to reach the engine stops the run
        problems.append(f"OpenSearch at {settings.SEARCH_URL}: {error}")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("the test database must be PostgreSQL (set DATABASE_URL)")
    if problems:
        pytest.exit(
            "Services missing — run `make services` first:\n  " + "\n  ".join(problems),
            returncode=3,
        )


def pytest_sessionfinish(session, exitstatus):
    SMTP.stop()


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


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """A real Celery worker process, consuming from Redis, on the test database."""
    from core.tasks import ping
    from intranet.celery import app

    ARTIFACTS.mkdir(exist_ok=True)
    app.control.purge()
    worker_args = ["worker", "--pool=solo", "--loglevel=INFO", "-n", "test-worker@%h"]
    worker_args += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    process = start_celery(worker_args, log_path=ARTIFACTS / "celery-worker.log")
    try:
        ping.apply_async(args=["ready?"]).get(timeout=60)
    except Exception:
        process.kill()
        raise
    yield process
    stop_process(process)


@pytest.fixture(autouse=True)
def background_work_settles(request, settings):
    """Only tests that ask for the worker hand tasks to it, and they end once it is idle.

    A task still running when the test database is flushed would deadlock the flush.
    """
    uses_worker = "celery_worker" in request.fixturenames
    settings.OUTBOX_SEND_ON_COMMIT = uses_worker
    yield
    if uses_worker:
        from core.tasks import ping

        # The worker runs one task at a time, in order: its answer means the queue is done.
        ping.apply_async(args=["settle"]).get(timeout=120)


@pytest.fixture
def smtp_server(settings):
    """Send this test's email over SMTP to the suite's server; returns its (emptied) inbox."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = SMTP.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    SMTP.inbox.clear()
    return SMTP.inbox


def wait_for(predicate, *, timeout: float = 30, interval: float = 0.2, message: str = ""):
    """Poll until `predicate()` is truthy; the real worker and engine take a moment."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(message or "condition not met in time")


@pytest.fixture
def reindex(db):
    """Rebuild the unified OpenSearch index from the test's data, ready to query."""
    from search.engine import get_engine
    from search.indexing import rebuild

    def run():
        counts = rebuild()
        get_engine().refresh()
        return counts

    return run


@pytest.fixture
def search_index(transactional_db):
    """A fresh OpenSearch index for the test, built by Wagtail's own command."""
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("update_index", stdout=quiet)
    yield
