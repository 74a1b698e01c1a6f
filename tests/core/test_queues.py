"""Routing: each kind of background work has its queue, so that a digest run of 50,000 emails
never delays an index update. The routes live in the settings (CELERY_TASK_ROUTES) and serve
both Celery's own tasks (beat jobs, digest batches) and the django-tasks tasks the outbox
stores, which all reach the broker as `intranet.run_outbox_task`."""

import pytest
from django.conf import settings

from core.queues import queue_for
from intranet.celery import app


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("search.tasks.sync_documents", "search"),
        ("wagtail.tasks.update_reference_index_task", "search"),
        ("search.reconcile_index", "search"),
        ("notifications.send_digests", "email"),
        ("notifications.send_digest_batch", "email"),
        ("notifications.tasks.email_pending_notices", "email"),
        ("notifications.tasks.push_pending_notices", "email"),
        ("insights.send_team_digest_batch", "email"),
        ("insights.tasks.email_signals_report_to", "email"),
        ("insights.snapshot_kpis", "analytics"),
        ("insights.send_weekly_signals_report", "analytics"),
        ("insights.draft_monthly_recognition", "analytics"),
        ("search.purge_old_search_logs", "analytics"),
        # In-app notices of a comment or a vote must not wait behind a digest run either.
        ("ideas.tasks.deliver_notifications", "default"),
        ("intranet.relay_outbox", "default"),
        ("some.task.nobody.routes", "default"),
    ],
)
def test_each_kind_of_task_is_routed_to_its_queue(task, queue):
    assert queue_for(task) == queue


def test_every_beat_job_is_sent_to_the_queue_the_outbox_would_choose():
    """Beat sends by name through Celery's router; both read the same routes."""
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        route = app.amqp.router.route({}, entry["task"])
        assert route["queue"].name == queue_for(entry["task"]), entry["task"]


def test_the_digest_and_analytics_beat_jobs_leave_the_default_queue():
    queues = {
        entry["task"]: queue_for(entry["task"]) for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert queues["notifications.send_digests"] == "email"
    assert queues["insights.send_team_digests"] == "email"
    assert queues["insights.snapshot_kpis"] == "analytics"
    assert queues["search.reconcile_index"] == "search"
    assert queues["intranet.relay_outbox"] == "default"


def test_a_worker_started_without_a_queue_list_consumes_every_queue():
    """`celery -A intranet worker` alone (development, a small site) still runs everything."""
    assert {queue.name for queue in settings.CELERY_TASK_QUEUES} == {
        "search",
        "email",
        "analytics",
        "default",
    }
    assert settings.CELERY_TASK_DEFAULT_QUEUE == "default"
