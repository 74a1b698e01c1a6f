"""The suite's shared fixtures: any fixture used in more than one directory is defined here.

The suite runs on the real services of `make services`; a missing one stops the run. A
directory's own conftest.py holds only what that directory needs (see tests/README.md).
"""

import os

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.engines import UnreachableEngine
from tests.intranet.factories import home_page
from tests.mail import SERVER as SMTP
from tests.people.factories import UserFactory
from tests.processes import ARTIFACTS, queue_names, settle_queues, start_celery, stop_process


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


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """A real Celery worker process, consuming from Redis, on the test database."""
    from core.tasks import ping
    from intranet.celery import app

    ARTIFACTS.mkdir(exist_ok=True)
    app.control.purge()
    worker_args = ["worker", "--pool=solo", "--loglevel=INFO", "-n", "test-worker@%h"]
    worker_args += ["-Q", ",".join(queue_names())]
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
        settle_queues(timeout=120)


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


@pytest.fixture
def engine(settings):
    """Call `engine.stop()` for an engine that is down, `engine.restore()` when it returns."""
    unreachable = UnreachableEngine(settings)
    yield unreachable
    unreachable.restore()


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request leaves its reader's language active in the thread (LocaleMiddleware activates
    it and nothing deactivates it): after an English reader's request, the next test would
    read English where it expects the default, French."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache_for_each_test():
    """What a test cached (the header's sections, a reader's admin access) was built on rows
    its rolled-back transaction took away: the next test starts with an empty default cache."""
    cache.clear()
    yield


@pytest.fixture
def english():
    """Messages are asserted in English, the source language (requests still choose theirs).

    Directories whose tests all read English switch it on in their conftest.py.
    """
    with translation.override("en"):
        yield


@pytest.fixture
def home(db):
    """The site's home page (for tests that only need it to exist: `usefixtures("home")`)."""
    return home_page()


@pytest.fixture
def employee(db):
    """A signed-out employee, `employee`, with a profile and no team."""
    return UserFactory(username="employee")


@pytest.fixture
def employee_client(client, employee):
    """The test client signed in as `employee`."""
    client.force_login(employee)
    return client


@pytest.fixture
def admin_client(client, db):
    """The test client signed in as a superuser who is staff (replaces pytest-django's own)."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client
