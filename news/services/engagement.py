"""Writes for reactions and comments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from news.models import Comment, CommentReport, Reaction, ReactionKind
from news.selectors import can_moderate

if TYPE_CHECKING:
    from django.contrib.auth.models import User

COMMENT_MAX_LENGTH = 5000


def _clean_body(body: str, *, max_length: int = COMMENT_MAX_LENGTH) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write something first."))
    if len(body) > max_length:
        raise ValidationError(_("Keep it under %(max)d characters.") % {"max": max_length})
    return body


def toggle_reaction(*, user: User, page: Page, kind: str) -> bool:
    """Add this reaction of the user, or take it back if given already; True when added."""
    if kind not in ReactionKind.values:
        raise ValidationError(_("Unknown reaction."))
    with transaction.atomic():
        deleted, _count = Reaction.objects.filter(page=page, user=user, kind=kind).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(page=page, user=user, kind=kind)
        except IntegrityError:
            pass  # a concurrent request of the same user added it: it is there once
        return True


def add_comment(*, author: User, page: Page, body: str, parent: Comment | None = None) -> Comment:
    """Comment on a page, or reply to a top-level comment of the same page."""
    body = _clean_body(body)
    if parent is not None:
        if parent.page_id != page.pk:
            raise ValidationError(_("You can only reply to a comment on this page."))
        if parent.parent_id is not None:
            parent = parent.parent  # one level of replies: answer in the same thread
            assert parent is not None
        if parent.is_hidden:
            raise ValidationError(_("This comment is hidden."))
    with transaction.atomic():
        return Comment.objects.create(page=page, author=author, body=body, parent=parent)


def edit_comment(*, user: User, comment: Comment, body: str) -> Comment:
    """The author rewrites their comment."""
    if comment.author_id != user.pk:
        raise PermissionDenied
    comment.body = _clean_body(body)
    comment.edited_at = timezone.now()
    with transaction.atomic():
        comment.save(update_fields=["body", "edited_at"])
    return comment


def delete_comment(*, user: User, comment: Comment) -> None:
    """The author deletes their comment (and its replies)."""
    if comment.author_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        comment.delete()


def report_comment(*, reporter: User, comment: Comment, reason: str = "") -> bool:
    """Flag a comment for the editors; True the first time this person reports it."""
    with transaction.atomic():
        _report, created = CommentReport.objects.get_or_create(
            comment=comment, reporter=reporter, defaults={"reason": reason.strip()[:500]}
        )
    return created


def hide_comment(*, moderator: User, comment: Comment) -> Comment:
    """An editor hides a comment from employees; its reports are resolved."""
    if not can_moderate(moderator):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        comment.hidden_at, comment.hidden_by = now, moderator
        comment.save(update_fields=["hidden_at", "hidden_by"])
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=now)
    return comment


def restore_comment(*, moderator: User, comment: Comment) -> Comment:
    """An editor shows a hidden comment again (or dismisses its reports)."""
    if not can_moderate(moderator):
        raise PermissionDenied
    with transaction.atomic():
        comment.hidden_at, comment.hidden_by = None, None
        comment.save(update_fields=["hidden_at", "hidden_by"])
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    return comment
