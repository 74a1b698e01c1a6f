"""Accepted answers: the question's author or an animator marks one comment as the answer.

One accepted answer per question, changeable (accepting another replaces it) and
revocable. `answer_accepted` is sent after commit each time an answer is accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from communities.models import Post, PostKind
from communities.selectors.access import can_animate
from communities.signals import answer_accepted
from core.conversations.errors import Invalid, NotAllowed
from core.conversations.models import Comment
from core.conversations.services import belongs_to

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def may_accept(user: Any, post: Post) -> bool:
    """The question's author, the community's animators, administrators."""
    if post.kind != PostKind.QUESTION or not getattr(user, "is_authenticated", False):
        return False
    return post.author_id == user.pk or can_animate(user, post.community)


def accept_answer(*, post: Post, comment: Comment, by: User) -> Post:
    """Mark `comment` (visible, on this question) as the accepted answer."""
    if post.kind != PostKind.QUESTION:
        raise Invalid(_("Only a question has an accepted answer."))
    if not may_accept(by, post):
        raise NotAllowed(_("Only the question's author or an animator can accept an answer."))
    if not belongs_to(comment, post) or comment.hidden_at is not None:
        raise Invalid(_("This answer is not one of this question's."))
    with transaction.atomic():
        locked = Post.objects.select_for_update().get(pk=post.pk)
        if locked.accepted_answer_id == comment.pk:
            return locked
        locked.accepted_answer = comment
        locked.save(update_fields=["accepted_answer"])
        transaction.on_commit(
            lambda: answer_accepted.send(sender=Post, post=locked, comment=comment)
        )
    return locked


def unaccept_answer(*, post: Post, by: User) -> Post:
    """The question has no accepted answer any more."""
    if not may_accept(by, post):
        raise NotAllowed(_("Only the question's author or an animator can accept an answer."))
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(accepted_answer=None)
    post.refresh_from_db(fields=["accepted_answer"])
    return post
