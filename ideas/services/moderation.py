"""Reports by employees and the moderators' decisions (core.conversations does the work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from core.conversations import services as conversations
from core.conversations.models import Comment, Report
from ideas.models import Idea
from ideas.selectors import is_moderator

from .errors import Invalid, NotAllowed, NotFound

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ACTIONS = {
    "hide": conversations.hide,
    "restore": conversations.restore,
    "dismiss": conversations.dismiss_report,
}


def report_content(
    *, user: User, idea: Idea | None = None, comment: Comment | None = None, reason: str = ""
) -> Report:
    """Flag an idea or a comment; at the challenge's threshold it is hidden automatically."""
    if idea is None and comment is None:
        raise NotFound(_("Not found."))
    return conversations.report(reporter=user, comment=comment, target=idea, reason=reason)


def moderate(
    *, user: User, action: str, idea: Idea | None = None, comment: Comment | None = None
) -> None:
    """A site moderator hides, restores, or dismisses the reports of an idea or comment (the
    one moderation queue, /moderation/, also lets challenge owners do it on their own)."""
    if not is_moderator(user):
        raise NotAllowed(_("Only moderators can do this."))
    if action not in ACTIONS:
        raise Invalid(_("Unknown moderation action."))
    if idea is None and comment is None:
        raise NotFound(_("Not found."))
    ACTIONS[action](moderator=user, comment=comment, target=None if comment else idea)
