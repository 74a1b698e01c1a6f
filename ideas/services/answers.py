"""Owner answers, comments and follows."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from core.conversations import services as conversations
from core.conversations.models import Comment
from ideas.models import ChallengePage, Follow, Idea, Status, StatusChange
from ideas.selectors import can_manage_challenge, can_view_challenge, idea_for

from .errors import Conflict, Invalid, NotAllowed, NotFound
from core.text import COMMENT_MAX_LENGTH

from .ideas import clean_rich_text
from .notify import notify_later

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def answer_idea(*, user: User, idea: Idea, status: str, message: str) -> StatusChange:
    """The owner (or an administrator) moves an idea to a new status with a public message.

    The step is kept in the history; author, co-authors, voters and followers are notified.
    """
    if not can_view_challenge(user, idea.challenge):
        raise NotFound(_("This idea does not exist."))
    if not can_manage_challenge(user, idea.challenge):
        raise NotAllowed(_("Only the challenge owner can answer ideas."))
    if status not in Status.values:
        raise Invalid(_("Unknown status."))
    markup = clean_rich_text(
        message, what=_("Write a message explaining the decision."), limit=COMMENT_MAX_LENGTH
    )
    with transaction.atomic():
        idea = Idea.objects.select_for_update().get(pk=idea.pk)
        if idea.merged_into_id:
            raise Conflict(_("This idea was merged into another one."))
        if idea.status == status:
            raise Conflict(_("The idea already has this status."))
        change = StatusChange.objects.create(
            idea=idea, from_status=idea.status, to_status=status, message=markup, author=user
        )
        idea.status = status
        idea.save(update_fields=["status", "updated_at"])
        notify_later(f"answer:{change.pk}", idea_id=idea.pk, actor_id=user.pk)
    return change


def add_comment(
    *,
    user: User,
    idea: Idea,
    body: str,
    parent: Comment | None = None,
    now: datetime | None = None,
) -> Comment:
    """Comment on an idea, or reply to a comment; a reply to a reply joins its thread.

    The idea counts it, its author follows the idea, followers hear of it (ideas/conversations
    .py, run by core.conversations in the same transaction)."""
    if idea_for(user, idea.pk) is None or idea.hidden_at:
        raise NotFound(_("This idea does not exist."))
    if idea.challenge.phase(now) == "closed":
        raise Conflict(_("This challenge is closed."))
    if parent is not None:
        if not conversations.belongs_to(parent, idea) or parent.hidden_at:
            raise Invalid(_("You can only reply to a comment of this idea."))
        if parent.parent_id:
            parent = parent.parent
    return conversations.post_comment(
        author=user, target=idea, body=body, parent=parent, created_at=now
    )


def follow(*, user: User, idea: Idea | None = None, challenge: ChallengePage | None = None) -> Follow:
    """Follow an idea or a challenge (idempotent)."""
    target = challenge or (idea.challenge if idea else None)
    if target is None or not can_view_challenge(user, target):
        raise NotFound(_("Not found."))
    follow_row, _created = Follow.objects.get_or_create(user=user, idea=idea, challenge=challenge)
    return follow_row


def unfollow(*, user: User, idea: Idea | None = None, challenge: ChallengePage | None = None) -> None:
    """Stop following (idempotent)."""
    Follow.objects.filter(user=user, idea=idea, challenge=challenge).delete()
