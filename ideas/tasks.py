"""Background work of the ideas hub (django-tasks through the outbox, Celery beat jobs).

Direction: `ideas.services` enqueues these tasks; they run the work of `ideas.notifications`,
which never imports the services. (A challenge's workshops are events: the agenda app reminds
their participants.)
"""

from django_tasks import task

from ideas.notifications import deliver


@task()
def deliver_notifications(event: str, idea_id: int, actor_id: int | None) -> int:
    """Notify whoever an idea event concerns, in-app and by email, exactly once each."""
    return deliver(event, idea_id, actor_id)
