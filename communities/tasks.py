"""Background work of communities: Celery beat jobs (the embedded scheduler runs them too)
and django-tasks through the outbox, enqueued by the receivers of `communities.signals`.

Direction: a task calls the module that does the work, never back into `services`.
"""

from celery import shared_task
from django_tasks import task

from communities.announcements import announce_due_posts
from communities.notifications import deliver


@shared_task(name="communities.announce_scheduled_posts")
def announce_scheduled_posts() -> int:
    """Beat job: send `post_published` for scheduled posts whose time has come, once each."""
    return announce_due_posts()


@task()
def deliver_notices(event: str, post_id: int, comment_id: int | None = None) -> int:
    """Notify whoever a community event concerns, in-app and by email, exactly once each."""
    return deliver(event, post_id, comment_id)
