"""`make run` (the embedded mode: no broker, no `celery beat`) still runs the periodic jobs:
an in-process scheduler started with the site publishes scheduled pages and runs the rest of
CELERY_BEAT_SCHEDULE (reminders, the outbox relay, reconciliation…)."""

import sqlite3
import subprocess
import sys
import time

from tests.intranet.embedded import embedded_environment, migrated_database, run_embedded
from tests.mail import free_port
from tests.processes import REPO, stop_process, wait_for


def is_live(database, page_id: int) -> bool:
    with sqlite3.connect(database, timeout=20) as db:
        [(live,)] = db.execute("SELECT live FROM wagtailcore_page WHERE id = ?", [page_id])
    return bool(live)


def test_a_page_scheduled_on_make_run_is_published_without_celery(sqlite_template, tmp_path):
    database = migrated_database(sqlite_template, tmp_path / "db.sqlite3")
    scheduled = run_embedded(["tests/intranet/embedded_scheduled_page.py"], database)
    assert scheduled.returncode == 0, scheduled.stderr[-3000:]
    page_id = int(scheduled.stdout.split()[-1])
    assert not is_live(database, page_id)
    time.sleep(2)  # its go-live time passes while nothing runs

    log = (tmp_path / "runserver.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{free_port()}"],
        cwd=REPO,
        env=embedded_environment(database),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(
            # The job's log line follows the publication: wait for both, so the test never
            # stops the server between the two.
            lambda: (
                (
                    is_live(database, page_id)
                    and "news.publish_scheduled" in (tmp_path / "runserver.log").read_text()
                )
                or server.poll() is not None
            ),
            timeout=90,
            interval=0.5,
            message="the scheduled page was never published",
        )
        assert server.poll() is None, (tmp_path / "runserver.log").read_text()[-3000:]
        assert is_live(database, page_id)
    finally:
        stop_process(server)
        log.close()
    assert "news.publish_scheduled" in (tmp_path / "runserver.log").read_text()


def test_with_a_broker_the_scheduler_is_left_to_celery_beat():
    from intranet.scheduler import start_embedded_scheduler

    assert start_embedded_scheduler() is None  # the suite's settings have a broker


def test_the_embedded_scheduler_runs_interval_jobs_at_start_and_daily_ones_at_their_time():
    from django.utils import timezone

    from intranet.scheduler import jobs_from_settings

    jobs = {job.name: job for job in jobs_from_settings(timezone.now())}

    assert jobs["news-publish-scheduled"].schedule.is_due(
        jobs["news-publish-scheduled"].last_run_at
    )[0]
    digest = jobs["notifications-daily-digest"]
    due, wait = digest.schedule.is_due(digest.last_run_at)
    assert not due and 0 < wait <= 24 * 3600
