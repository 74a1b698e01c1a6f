"""Background work of communities (Celery beat jobs; the embedded scheduler runs them too).

Direction: a task calls the module that does the work, never back into `services`.
"""

from celery import shared_task

from communities.announcements import announce_due_posts


@shared_task(name="communities.announce_scheduled_posts")
def announce_scheduled_posts() -> int:
    """Beat job: send `post_published` for scheduled posts whose time has come, once each."""
    return announce_due_posts()
