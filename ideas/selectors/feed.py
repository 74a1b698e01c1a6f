"""What the home feed (intranet) shows of ideas: owner answers to the ideas a reader cares
about (wrote, co-wrote or follows), newest first, in one query."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.db.models import Exists, OuterRef, Q, QuerySet

from ideas.models import Follow, Idea, StatusChange

from .access import ideas_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def idea_updates_for(user: User | AnonymousUser, *, limit: int = 20) -> list[StatusChange]:
    """Status changes of ideas this reader wrote, co-wrote or follows (in challenges they may
    see, hidden and merged ideas left out), newest first; each with its idea selected."""
    if not getattr(user, "is_authenticated", False):
        return []
    reader = cast("User", user)  # signed in
    followed = Follow.objects.filter(user=reader, idea_id=OuterRef("pk"))
    co_written = Idea.co_authors.through.objects.filter(user_id=reader.pk, idea_id=OuterRef("pk"))
    mine: QuerySet[Idea] = ideas_visible_to(reader).filter(
        Q(author=reader) | Exists(co_written) | Exists(followed)
    )
    return list(
        StatusChange.objects.filter(idea__in=mine.values("pk"))
        .select_related("idea")
        .order_by("-created_at", "-pk")[:limit]
    )
