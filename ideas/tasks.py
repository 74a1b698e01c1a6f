"""Background work of the ideas hub (django-tasks through the outbox, Celery beat jobs)."""

from celery import shared_task
from django_tasks import task


@task()
def deliver_notifications(event: str, idea_id: int, actor_id: int | None) -> int:
    """Notify whoever an idea event concerns, in-app and by email, exactly once each."""
    from ideas.notifications import deliver

    return deliver(event, idea_id, actor_id)


@shared_task(name="ideas.remind_workshop_participants")
def remind_workshop_participants() -> int:
    """Beat job: remind participants of workshops starting within a day; never twice."""
    from ideas.services.workshops import send_workshop_reminders

    return send_workshop_reminders()
