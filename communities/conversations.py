"""Posts have conversations (core.conversations): comments with one level of replies,
reactions, and reports on a post or a comment, hidden at COMMUNITIES_REPORTS_TO_HIDE.

Readers of the community (communities.selectors.access) read and comment; its animators and
the site's moderators moderate. Each comment counts on its post, moves its last activity,
and sends `comment_posted` once committed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Membership, Post, Role
from communities.selectors.access import can_read
from communities.selectors.roles import animates
from communities.services.posts import clean_body as clean_post_body
from communities.signals import comment_posted
from core.conversations.errors import NotFound
from core.conversations.registry import ConversationKind, register
from core.permission_cache import in_group
from core.text import COMMENT_MAX_LENGTH

MODERATORS_GROUP = "Moderators"


def is_site_moderator(user: Any) -> bool:
    """Administrators and the site's Moderators group."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached: bool | None = getattr(user, "_ruche_site_moderator", None)
    if cached is None:
        cached = bool(user.is_superuser or in_group(user, MODERATORS_GROUP))
        user._ruche_site_moderator = cached
    return cached


def can_moderate(user: Any, post: Post) -> bool:
    return is_site_moderator(user) or animates(user, post.community)


def is_visible(post: Post) -> bool:
    return post.hidden_at is None and post.publish_at <= timezone.now()


def can_read_post(user: Any, post: Post) -> bool:
    """Readers of the community read its published posts; hidden ones only moderators."""
    if not can_read(user, post.community):
        return False
    return is_visible(post) or can_moderate(user, post)


def clean_body(body: str) -> str:
    return clean_post_body(body, what=_("Write a comment."), limit=COMMENT_MAX_LENGTH)


def can_comment(user: Any, post: Post) -> None:
    if not can_read(user, post.community) or not is_visible(post):
        raise NotFound(_("This post does not exist."))


def moderates_any(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        is_site_moderator(user)
        or Membership.objects.filter(user_id=user.pk, role=Role.ANIMATOR).exists()
    )


def moderated(user: Any, conversations: QuerySet[Any]) -> QuerySet[Any]:
    """Site moderators: every post; animators: the posts of the communities they run."""
    if is_site_moderator(user):
        return conversations
    if not getattr(user, "is_authenticated", False):
        return conversations.none()
    run = Membership.objects.filter(user_id=user.pk, role=Role.ANIMATOR).values("community_id")
    return conversations.filter(
        object_id__in=Post.objects.filter(community_id__in=run).values("pk")
    )


def on_posted(comment: Any) -> None:
    """The post counts the comment and comes alive; `comment_posted` once committed."""
    post_id = comment.conversation.object_id
    Post.objects.filter(pk=post_id).update(
        comment_count=F("comment_count") + 1, last_activity_at=timezone.now()
    )

    def send() -> None:
        post = Post.objects.filter(pk=post_id).select_related("community").first()
        if post is not None:
            comment_posted.send(sender=Post, post=post, comment=comment)

    transaction.on_commit(send)


def on_visibility(comment: Any, visible: bool) -> None:
    """A hidden comment leaves the post's count (and stops being its accepted answer's
    showing: the page shows the accepted answer only while visible); restored, it is back."""
    step = 1 if visible else -1
    Post.objects.filter(pk=comment.conversation.object_id).update(
        comment_count=F("comment_count") + step
    )


KIND = ConversationKind(
    name="communities",
    models=(Post,),
    clean_body=clean_body,
    rich_text=True,
    target_title=lambda post: post.title or post.body[:60],
    target_url=lambda post: post.get_absolute_url(),
    can_read=can_read_post,
    can_comment=can_comment,
    can_moderate=can_moderate,
    sees_hidden=can_moderate,
    moderated=moderated,
    moderates_any=moderates_any,
    reports_to_hide=lambda post: settings.COMMUNITIES_REPORTS_TO_HIDE,
    report_reason_length=300,
    target_reportable=True,
    on_posted=on_posted,
    on_visibility=on_visibility,
    urls={"post": "communities:comment", "report": "communities:report_comment"},
)


def register_kind() -> None:
    register(KIND)
