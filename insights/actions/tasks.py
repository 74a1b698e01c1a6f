"""Background work of action plans: followers' notices (through the outbox) and the daily
nudge of overdue actions' owners (a Celery beat job).

Direction: `insights.actions.services` enqueues these tasks; they run the work of
`insights.actions.notices`, which never imports the services.
"""

from __future__ import annotations

from celery import shared_task
from django_tasks import task

from insights.actions.notices import deliver_update, nudge_overdue_action_owners


@task()
def deliver_update_notices(update_id: int) -> int:
    """Tell an action's followers of one update, in-app and by email, once each."""
    return deliver_update(update_id)


@shared_task(name="insights.nudge_overdue_actions")
def nudge_overdue_actions() -> int:
    """Beat job: nudge the owners of overdue actions, once per action and day (idempotent)."""
    return nudge_overdue_action_owners()
