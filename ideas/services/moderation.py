"""Reports by employees and the moderators' decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.models import Comment, Idea, Report
from ideas.selectors import idea_for, is_moderator

from .errors import Conflict, Invalid, NotAllowed, NotFound

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ACTIONS = ("hide", "restore", "dismiss")


def report_content(
    *, user: User, idea: Idea | None = None, comment: Comment | None = None, reason: str = ""
) -> Report:
    """Flag an idea or a comment; at the challenge's threshold it is hidden automatically."""
    target_idea = idea or (comment.idea if comment else None)
    if target_idea is None or idea_for(user, target_idea.pk) is None:
        raise NotFound(_("Not found."))
    model, target = (Idea, idea) if idea else (Comment, comment)
    assert target is not None  # the idea, or the comment of target_idea
    try:
        with transaction.atomic():
            row = model.objects.select_for_update().get(pk=target.pk)
            report = Report.objects.create(
                reporter=user, idea=idea, comment=comment, reason=reason.strip()[:300]
            )
            row.report_count = F("report_count") + 1
            row.save(update_fields=["report_count"])
            row.refresh_from_db(fields=["report_count"])
            threshold = target_idea.challenge.reports_to_hide
            if row.hidden_at is None and threshold and row.report_count >= threshold:
                _set_hidden(row, hidden=True)
    except IntegrityError as twice:
        raise Conflict(_("You already reported this.")) from twice
    return report


def _set_hidden(row: Idea | Comment, *, hidden: bool) -> None:
    was_hidden = row.hidden_at is not None
    row.hidden_at = timezone.now() if hidden else None
    fields = ["hidden_at"]
    if not hidden:
        row.report_count = 0
        fields.append("report_count")
    row.save(update_fields=fields)
    if isinstance(row, Comment) and was_hidden != hidden:
        step = -1 if hidden else 1
        Idea.objects.filter(pk=row.idea_id).update(comment_count=F("comment_count") + step)


def moderate(
    *, user: User, action: str, idea: Idea | None = None, comment: Comment | None = None
) -> None:
    """A moderator hides, restores, or dismisses the reports of an idea or comment."""
    if not is_moderator(user):
        raise NotAllowed(_("Only moderators can do this."))
    if action not in ACTIONS:
        raise Invalid(_("Unknown moderation action."))
    model, target = (Idea, idea) if idea else (Comment, comment)
    if target is None:
        raise NotFound(_("Not found."))
    with transaction.atomic():
        row = model.objects.select_for_update().get(pk=target.pk)
        _set_hidden(row, hidden=action == "hide")
        outcome = {"hide": "hidden", "restore": "restored", "dismiss": "dismissed"}[action]
        reports = Report.objects.filter(outcome=Report.Outcome.OPEN)
        reports = (
            reports.filter(idea=cast(Idea, row))
            if idea
            else reports.filter(comment=cast(Comment, row))
        )
        reports.update(outcome=outcome)
