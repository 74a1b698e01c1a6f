"""A real `celery beat` process schedules the daily digest; the suite's real worker sends it
over SMTP; however often beat fires, each reader gets it exactly once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.digests import window_for
from notifications.models import Cadence, DigestRun
from tests.mail import SERVER as SMTP
from tests.notifications.factories import notice, prefers
from tests.people.factories import UserFactory
from tests.processes import (
    ARTIFACTS,
    settle_queues,
    start_celery,
    stop_process,
    wait_for,
    worker_environment,
)


@pytest.fixture
def beat(tmp_path, celery_worker):
    """`celery beat` on the test-only schedule: the daily digest every second."""
    log_path = ARTIFACTS / "celery-beat.log"
    beat_args = ["beat", "--loglevel=INFO", "--max-interval=1"]
    beat_args += [f"--schedule={tmp_path / 'beat-schedule'}", "--pidfile="]
    process = start_celery(
        beat_args, log_path=log_path, env={**worker_environment(), "RUCHE_TEST_BEAT_EVERY": "1"}
    )
    yield lambda: log_path.read_text().count("Sending due task test-daily-digest")
    stop_process(process)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_beat_sends_the_daily_digest_once_over_smtp_whatever_the_number_of_runs(beat):
    SMTP.inbox.clear()
    yesterday = window_for("daily", timezone.now()).start + timedelta(hours=12)
    daily, weekly, quiet = (UserFactory(username=name) for name in ("daily", "weekly", "quiet"))
    prefers(daily, Cadence.DAILY)
    prefers(weekly, Cadence.WEEKLY)
    prefers(quiet, Cadence.IN_APP)
    for user in (daily, weekly, quiet):
        notice(user, message="Léa a commenté votre idée", immediate=False, created_at=yesterday)

    wait_for(lambda: SMTP.inbox.to(daily.email), timeout=60, message="no digest arrived")
    wait_for(lambda: beat() >= 4, timeout=60, message="beat did not keep firing")
    settle_queues(timeout=60)  # the worker went through them

    [digest] = SMTP.inbox.to(daily.email)
    assert "Léa a commenté votre idée" in SMTP.inbox.body(digest)
    assert not SMTP.inbox.to(weekly.email) and not SMTP.inbox.to(quiet.email)
    assert DigestRun.objects.filter(user=daily, kind="daily").count() == 1
