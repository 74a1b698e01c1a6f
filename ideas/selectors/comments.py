"""The comments of ideas (core.conversations), each with the `idea_id` it is about."""

from __future__ import annotations

from django.db.models import F, QuerySet

from core.conversations.models import Comment
from core.conversations.selectors import comments_of
from ideas.models import Idea


def idea_comments(ideas: QuerySet[Idea] | None = None) -> QuerySet[Comment]:
    """Comments on these ideas (every idea by default), annotated with `idea_id`."""
    comments = comments_of(Idea).annotate(idea_id=F("conversation__object_id"))
    if ideas is not None:
        comments = comments.filter(conversation__object_id__in=ideas.values("pk"))
    return comments
