"""What follows the signals of `communities.signals` (sent after commit by the services):
notices are handed to the outbox (`communities.tasks`), and joining a community follows it.
Connected in `CommunitiesConfig.ready()`."""

from __future__ import annotations

from typing import Any

from communities import signals
from communities.services.follows import follow_on_join
from communities.tasks import deliver_notices


def on_post_published(sender: Any, post: Any, **kwargs: Any) -> None:
    deliver_notices.enqueue("post", post.pk)


def on_comment_posted(sender: Any, post: Any, comment: Any, **kwargs: Any) -> None:
    deliver_notices.enqueue("comment", post.pk, comment.pk)


def on_answer_accepted(sender: Any, post: Any, comment: Any, **kwargs: Any) -> None:
    deliver_notices.enqueue("accepted", post.pk, comment.pk)


def on_member_joined(sender: Any, community: Any, user: Any, **kwargs: Any) -> None:
    """Joining = following: the new member hears of new posts until they unfollow."""
    follow_on_join(user=user, community=community)


def connect() -> None:
    signals.post_published.connect(on_post_published, dispatch_uid="communities-feed-post")
    signals.comment_posted.connect(on_comment_posted, dispatch_uid="communities-feed-comment")
    signals.answer_accepted.connect(on_answer_accepted, dispatch_uid="communities-feed-answer")
    signals.member_joined.connect(on_member_joined, dispatch_uid="communities-feed-join")
