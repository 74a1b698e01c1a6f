"""Background work of the ideas hub (django-tasks through the outbox, Celery beat jobs).

Direction: `ideas.services` enqueues these tasks; they run the work of `ideas.notifications`
and `ideas.reminders`, which never import the services.
"""

from celery import shared_task
from django_tasks import task

from ideas.notifications import deliver
from ideas.reminders import send_workshop_reminders


@task()
def deliver_notifications(event: str, idea_id: int, actor_id: int | None) -> int:
    """Notify whoever an idea event concerns, in-app and by email, exactly once each."""
    return deliver(event, idea_id, actor_id)


@shared_task(name="ideas.remind_workshop_participants")
def remind_workshop_participants() -> int:
    """Beat job: remind participants of workshops starting within a day; never twice."""
    return send_workshop_reminders()
