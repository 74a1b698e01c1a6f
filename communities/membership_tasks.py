"""Background work of membership (django-tasks through the outbox): the notices telling
someone that their request was answered or that an animator added them.

Direction: `communities.services.membership` enqueues; the work is `membership_notices`.
"""

from django_tasks import task

from communities.membership_notices import deliver


@task()
def deliver_membership_notice(event: str, community_id: int, user_id: int) -> int:
    """Tell one person about their membership, in-app and by email, exactly once."""
    return deliver(event, community_id, user_id)
