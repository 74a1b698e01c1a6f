"""Comments and reactions on any registered target, written directly (no rules applied)."""

from __future__ import annotations

from core.conversations.models import Comment, Reaction
from core.conversations.services import conversation_for


def comment_on(target, **fields) -> Comment:
    """A comment on `target` (a news page, a leadership update, an idea)."""
    return Comment.objects.create(conversation=conversation_for(target), **fields)


def reaction_on(target, **fields) -> Reaction:
    return Reaction.objects.create(conversation=conversation_for(target), **fields)
