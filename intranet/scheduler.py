"""The periodic jobs of the embedded mode, run in the site's own process.

`make run` has no broker and no `celery beat`, so nothing would publish scheduled pages, send
reminders or digests, replay failed inline tasks or reconcile the index. When the WSGI
application starts (runserver or gunicorn) without a broker, one daemon thread runs
CELERY_BEAT_SCHEDULE itself: the same entries, their intervals and crontabs read by Celery's
own schedule classes, each job called in the thread (Celery runs it eagerly without a broker).
Every job is safe to run twice, so several web processes each running it do no harm.
Off with EMBEDDED_SCHEDULER=0; never on with a broker (beat does the work there).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery.schedules import BaseSchedule, schedule
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from intranet.celery import app

logger = logging.getLogger(__name__)
_started: threading.Thread | None = None
_lock = threading.Lock()


@dataclass
class Job:
    name: str
    task: str
    schedule: BaseSchedule
    kwargs: dict
    last_run_at: datetime


def jobs_from_settings(now: datetime) -> list[Job]:
    """The beat schedule as jobs. Interval jobs are due at once (a page whose go-live time
    passed while the site was stopped is published at start); crontab jobs wait for their
    next time."""
    app.loader.import_default_modules()  # once, so that every job's task is registered
    jobs = []
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        every = entry["schedule"]
        if isinstance(every, (int, float, timedelta)):
            seconds = every if isinstance(every, timedelta) else timedelta(seconds=every)
            every = schedule(run_every=seconds, app=app)
            last = now - seconds
        else:
            every.app = app  # the crontab reads the time zone of the Celery app
            last = now
        jobs.append(Job(name, entry["task"], every, entry.get("kwargs", {}), last))
    return jobs


def run_job(job: Job) -> None:
    """Run one job in this thread; a failure is logged, and the job runs again next time."""
    started = timezone.now()
    try:
        app.tasks[job.task].apply(kwargs=job.kwargs, throw=True)
    except Exception:  # noqa: BLE001 - one failing job must not stop the others
        logger.exception("Embedded scheduler: %s (%s) failed", job.name, job.task)
    else:
        logger.info(
            "Embedded scheduler: ran %s (%s) in %.1f s",
            job.name,
            job.task,
            (timezone.now() - started).total_seconds(),
        )
    finally:
        job.last_run_at = started
        close_old_connections()


def run_due_jobs(jobs: list[Job]) -> int:
    ran = 0
    for job in jobs:
        due, _next = job.schedule.is_due(job.last_run_at)
        if due:
            run_job(job)
            ran += 1
    return ran


def _loop(tick: float, stop: threading.Event) -> None:
    jobs = jobs_from_settings(timezone.now())
    while not stop.wait(tick):
        run_due_jobs(jobs)


def start_embedded_scheduler() -> threading.Thread | None:
    """Start the scheduler thread once per process, in the embedded mode only."""
    global _started
    if settings.CELERY_BROKER_URL or not settings.EMBEDDED_SCHEDULER:
        return None
    with _lock:
        if _started is None:
            stop = threading.Event()
            _started = threading.Thread(
                target=_loop,
                args=(settings.EMBEDDED_SCHEDULER_TICK, stop),
                name="ruche-embedded-scheduler",
                daemon=True,
            )
            _started.start()
            logger.info("Embedded scheduler started: %s jobs", len(settings.CELERY_BEAT_SCHEDULE))
    return _started
