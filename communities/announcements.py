"""Scheduled posts come out: `post_published` for each post whose time has come, once.

The beat job `communities.announce_scheduled_posts` (communities/tasks.py) runs this every
minute. Each due post is claimed by setting `announced_at` under a row lock (SKIP LOCKED:
two schedulers running at once share the work), so its signal is sent exactly once.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone

from communities.models import Post
from communities.signals import post_published


def announce_due_posts(limit: int = 500) -> int:
    """Announce the posts now published and never announced; how many were."""
    with transaction.atomic():
        now = timezone.now()
        due = list(
            Post.objects.published()
            .filter(announced_at__isnull=True)
            .select_for_update(skip_locked=True)
            .order_by("publish_at", "pk")[:limit]
        )
        if not due:
            return 0
        Post.objects.filter(pk__in=[post.pk for post in due]).update(
            announced_at=now, last_activity_at=now
        )
        for post in due:
            transaction.on_commit(partial(post_published.send, sender=Post, post=post))
    return len(due)
