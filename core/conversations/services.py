"""Every write of a conversation: post, edit, delete, react, report, hide, restore, dismiss.

The target's kind (registry.py) decides who may do what and runs the app's side effects in
the same transaction; the apps' own services call these.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, overload

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import Conflict, Invalid, NotAllowed, NotFound
from .models import Comment, CommentRevision, Conversation, Reaction, ReactionKind, Report
from .registry import ConversationKind, kind_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@overload
def conversation_for(target: models.Model, *, create: Literal[True] = True) -> Conversation: ...


@overload
def conversation_for(target: models.Model, *, create: bool) -> Conversation | None: ...


def conversation_for(target: models.Model, *, create: bool = True) -> Conversation | None:
    """The conversation row of a target, created on first use unless `create` is False."""
    content_type = ContentType.objects.get_for_model(target)
    if not create:
        return Conversation.objects.filter(content_type=content_type, object_id=target.pk).first()
    conversation, _created = Conversation.objects.get_or_create(
        content_type=content_type, object_id=target.pk
    )
    return conversation


def target_of(comment: Comment) -> Any:
    """The target a comment is about (the specific page, the idea)."""
    conversation = comment.conversation
    model = ContentType.objects.get_for_id(conversation.content_type_id).model_class()
    assert model is not None  # a registered kind's model, installed
    return model._default_manager.get(pk=conversation.object_id)


def post_comment(
    *,
    author: User,
    target: models.Model,
    body: str,
    parent: Comment | None = None,
    created_at: datetime | None = None,
) -> Comment:
    """Comment on a target, or reply to one of its top-level comments.

    Refused (errors.Invalid) when the body is empty or too long, when the parent belongs to
    another target, is hidden, or is itself a reply: there is one level of replies (an app
    that wants a reply to a reply to join its thread passes the reply's parent).
    """
    kind = kind_for(target)
    kind.can_comment(author, target)
    markup = kind.clean_body(body)
    with transaction.atomic():
        conversation = conversation_for(target)
        if parent is not None:
            if parent.conversation_id != conversation.pk:
                raise Invalid(_("You can only reply to a comment of this conversation."))
            if parent.parent_id is not None:
                raise Invalid(_("You can only reply to a comment, not to a reply."))
            if parent.is_hidden:
                raise Invalid(_("This comment is hidden."))
        comment = Comment.objects.create(
            conversation=conversation,
            author=author,
            parent=parent,
            body=markup,
            created_at=created_at or timezone.now(),
        )
        kind.on_posted(comment)
    return comment


def edit_comment(*, user: User, comment: Comment, body: str) -> Comment:
    """The author rewrites their comment; the body it had is kept as a revision."""
    if comment.author_id != user.pk:
        raise NotAllowed(_("Only the author can edit this comment."))
    kind = kind_for(target_of(comment))
    markup = kind.clean_body(body)
    with transaction.atomic():
        CommentRevision.objects.create(comment=comment, previous_body=comment.body, edited_by=user)
        comment.body, comment.edited_at = markup, timezone.now()
        comment.save(update_fields=["body", "edited_at"])
    return comment


def delete_comment(*, user: User, comment: Comment) -> None:
    """The author deletes their comment (and its replies)."""
    if comment.author_id != user.pk:
        raise NotAllowed(_("Only the author can delete this comment."))
    with transaction.atomic():
        comment.delete()


def react(*, user: User, target: models.Model, kind: str) -> bool:
    """Add this reaction of the user on the target, or take it back if given already; True
    when added. Each kind once per user."""
    if kind not in ReactionKind.values:
        raise Invalid(_("Unknown reaction."))
    with transaction.atomic():
        conversation = conversation_for(target)
        deleted, _count = Reaction.objects.filter(
            conversation=conversation, user=user, kind=kind
        ).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(conversation=conversation, user=user, kind=kind)
        except IntegrityError:
            pass  # a concurrent request of the same user added it: it is there once
        return True


def _locked(kind: ConversationKind, comment: Comment | None, target: Any) -> Any:
    # the comment, or the reportable target (its `hidden_at`, `report_count` read by name)
    if comment is not None:
        return Comment.objects.select_for_update().get(pk=comment.pk)
    if not kind.target_reportable:
        raise Invalid(_("This cannot be reported."))
    return type(target)._default_manager.select_for_update().get(pk=target.pk)


def report(
    *, reporter: User, comment: Comment | None = None, target: Any = None, reason: str = ""
) -> Report:
    """Flag a comment, or a reportable target, once per person (errors.Conflict the second
    time); at the kind's threshold (`reports_to_hide`) it is hidden automatically."""
    target = _target(comment, target)
    kind = kind_for(target)
    if not kind.can_read(reporter, target):
        raise NotFound(_("Not found."))
    try:
        with transaction.atomic():
            conversation = conversation_for(target)
            row = _locked(kind, comment, target)
            created = Report.objects.create(
                conversation=conversation,
                comment=comment,
                reporter=reporter,
                reason=reason.strip()[: kind.report_reason_length],
            )
            row.report_count = F("report_count") + 1
            row.save(update_fields=["report_count"])
            row.refresh_from_db(fields=["report_count"])
            threshold = kind.reports_to_hide(target)
            if row.hidden_at is None and threshold and row.report_count >= threshold:
                _set_hidden(kind, row, hidden=True)
    except IntegrityError as twice:
        raise Conflict(_("You already reported this.")) from twice
    return created


def _set_hidden(
    kind: ConversationKind, row: Any, *, hidden: bool, moderator: User | None = None
) -> None:
    was_hidden = row.hidden_at is not None
    row.hidden_at = timezone.now() if hidden else None
    fields = ["hidden_at"]
    if isinstance(row, Comment):
        row.hidden_by = moderator if hidden else None
        fields.append("hidden_by")
    if not hidden:
        row.report_count = 0
        fields.append("report_count")
    row.save(update_fields=fields)
    if isinstance(row, Comment) and was_hidden != hidden:
        kind.on_visibility(row, not hidden)


def _target(comment: Comment | None, target: Any) -> Any:
    """What a report or a moderation is about: the comment's target, or the target given."""
    if comment is not None:
        target = target_of(comment)
    if target is None:
        raise NotFound(_("Not found."))
    return target


def _moderate(moderator: User, outcome: str, comment: Comment | None, target: Any) -> None:
    target = _target(comment, target)
    kind = kind_for(target)
    if not kind.can_moderate(moderator, target):
        raise NotAllowed(_("Only moderators can do this."))
    with transaction.atomic():
        row = _locked(kind, comment, target)
        _set_hidden(kind, row, hidden=outcome == Report.Outcome.HIDDEN, moderator=moderator)
        reports = Report.objects.filter(outcome=Report.Outcome.OPEN)
        if comment is not None:
            reports = reports.filter(comment=row)
        else:
            conversation = conversation_for(target, create=False)
            reports = reports.filter(conversation=conversation, comment__isnull=True)
        reports.update(outcome=outcome, resolved_at=timezone.now())


def hide(*, moderator: User, comment: Comment | None = None, target: Any = None) -> None:
    """A moderator of the target hides the comment (or the target); its open reports are
    closed as `hidden`."""
    _moderate(moderator, Report.Outcome.HIDDEN, comment, target)


def restore(*, moderator: User, comment: Comment | None = None, target: Any = None) -> None:
    """A moderator shows the comment (or the target) again and clears its report count; its
    open reports are closed as `restored`."""
    _moderate(moderator, Report.Outcome.RESTORED, comment, target)


def dismiss_report(*, moderator: User, comment: Comment | None = None, target: Any = None) -> None:
    """A moderator finds nothing wrong: visible, count cleared, open reports `dismissed`."""
    _moderate(moderator, Report.Outcome.DISMISSED, comment, target)


def belongs_to(comment: Comment, target: models.Model) -> bool:
    """Whether the comment is in the target's conversation."""
    conversation = comment.conversation
    return (
        conversation.content_type_id == ContentType.objects.get_for_model(target).pk
        and conversation.object_id == target.pk
    )
