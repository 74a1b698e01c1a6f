"""The rows of a challenge export (the owner's CSV and XLSX downloads)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from core.richtext import plain_text
from ideas.models import ChallengePage, Idea, StatusChange

if TYPE_CHECKING:
    from django.contrib.auth.models import User

from .comments import idea_comments

IDEA_COLUMNS = [
    "id",
    "title",
    "status",
    "votes",
    "comments",
    "author",
    "co_authors",
    "tags",
    "submitted_at",
    "last_answer",
    "hidden",
    "url",
    "description",
]
COMMENT_COLUMNS = ["idea_id", "comment_id", "reply_to", "author", "created_at", "text"]


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def idea_rows(challenge: ChallengePage, base_url: str = "") -> Iterator[list[Any]]:
    """One row per idea (merged ones excluded), as plain text; anonymous authors stay
    anonymous."""
    ideas = (
        Idea.objects.filter(challenge=challenge, merged_into__isnull=True)  # type: ignore[misc]  # taggit
        .select_related("author")
        .prefetch_related("co_authors", "tags")
        .order_by("-vote_count", "pk")
    )
    last_answers: dict[int, str] = {}
    for change in StatusChange.objects.filter(idea__challenge=challenge).order_by("created_at"):
        last_answers[change.idea_id] = plain_text(change.message)
    for idea in ideas:
        yield [
            idea.pk,
            idea.title,
            idea.get_status_display(),
            idea.vote_count,
            idea.comment_count,
            _("Anonymous") if idea.anonymous else _name(idea.author),
            "" if idea.anonymous else ", ".join(_name(user) for user in idea.co_authors.all()),
            ", ".join(sorted(tag.name for tag in idea.tags.all())),
            idea.created_at.isoformat(),
            last_answers.get(idea.pk, ""),
            _("yes") if idea.hidden_at else "",
            f"{base_url}{idea.get_absolute_url()}",
            plain_text(idea.description),
        ]


def comment_rows(challenge: ChallengePage) -> Iterator[list[Any]]:
    comments = (
        idea_comments(Idea.objects.filter(challenge=challenge))
        .filter(hidden_at__isnull=True)
        .select_related("author")
        .order_by("idea_id", "created_at", "pk")
    )
    for comment in comments:
        yield [
            comment.idea_id,  # type: ignore[attr-defined]  # annotated by idea_comments
            comment.pk,
            comment.parent_id or "",
            _name(comment.author),
            comment.created_at.isoformat(),
            plain_text(comment.body),
        ]


def comments_by_idea(challenge: ChallengePage) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for idea_id, _cid, _parent, author, _at, text in comment_rows(challenge):
        grouped[idea_id].append(f"{author}: {text}")
    return grouped
