"""Background work of communities (django-tasks through the outbox).

Direction: the receivers of `communities.signals` (`communities.receivers`) enqueue these
tasks; they run the work of `communities.notifications`.
"""

from django_tasks import task

from communities.notifications import deliver


@task()
def deliver_notices(event: str, post_id: int, comment_id: int | None = None) -> int:
    """Notify whoever a community event concerns, in-app and by email, exactly once each."""
    return deliver(event, post_id, comment_id)
