"""Ideas have conversations (core.conversations): comments with one level of replies, and
reports on an idea or a comment, hidden at the challenge's threshold. Site moderators and the
challenge's owner moderate them."""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext as _

from core.conversations.registry import ConversationKind, register
from core.text import COMMENT_MAX_LENGTH
from ideas.models import ChallengePage, Follow, Idea
from ideas.selectors import can_manage_challenge, can_see_hidden, idea_for, is_moderator

from .services.errors import NotFound
from .services.ideas import clean_rich_text
from .services.notify import notify_later


def clean_body(body: str) -> str:
    """Sanitised HTML that still says something, at most COMMENT_MAX_LENGTH characters."""
    return clean_rich_text(body, what=_("Write a comment."), limit=COMMENT_MAX_LENGTH)


def can_comment(user, idea: Idea) -> None:
    if idea_for(user, idea.pk) is None or idea.hidden_at:
        raise NotFound(_("This idea does not exist."))


def can_moderate(user, idea: Idea) -> bool:
    return is_moderator(user) or can_manage_challenge(user, idea.challenge)


def moderates_any(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return is_moderator(user) or ChallengePage.objects.filter(challenge_owner=user).exists()


def moderated(user, conversations):
    """Moderators: every idea; a challenge owner: the ideas of their challenges."""
    if is_moderator(user):
        return conversations
    if not getattr(user, "is_authenticated", False):
        return conversations.none()
    owned = Idea.objects.filter(challenge__challenge_owner=user).values("pk")
    return conversations.filter(object_id__in=owned)


def on_posted(comment) -> None:
    """The idea counts the comment, its author follows the idea, followers hear of it."""
    idea_id = comment.conversation.object_id
    Idea.objects.filter(pk=idea_id).update(comment_count=F("comment_count") + 1)
    Follow.objects.get_or_create(user=comment.author, idea_id=idea_id)
    notify_later(f"comment:{comment.pk}", idea_id=idea_id, actor_id=comment.author_id)


def on_visibility(comment, visible: bool) -> None:
    """A hidden comment leaves the idea's count; restored, it comes back."""
    step = 1 if visible else -1
    Idea.objects.filter(pk=comment.conversation.object_id).update(
        comment_count=F("comment_count") + step
    )


KIND = ConversationKind(
    name="ideas",
    models=(Idea,),
    clean_body=clean_body,
    rich_text=True,
    target_title=lambda idea: idea.title,
    target_url=lambda idea: idea.get_absolute_url(),
    can_read=lambda user, idea: idea_for(user, idea.pk) is not None,
    can_comment=can_comment,
    can_moderate=can_moderate,
    sees_hidden=lambda user, idea: can_see_hidden(user, idea.challenge),
    moderated=moderated,
    moderates_any=moderates_any,
    reports_to_hide=lambda idea: idea.challenge.reports_to_hide,
    report_reason_length=300,
    target_reportable=True,
    on_posted=on_posted,
    on_visibility=on_visibility,
    urls={"post": "ideas:comment", "report": "ideas:report_comment"},
)


def register_kind() -> None:
    register(KIND)
