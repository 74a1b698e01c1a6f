"""Who hears about an action and what they read; run by `insights.actions.tasks`.

Followers are told of each progress update (and of completion) once: the notice's key is the
update's. Owners of overdue actions are nudged once per action and day: the key holds the day.
Messages name the action, never who spoke about what it answers.
"""

from __future__ import annotations

from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from insights.actions.models import ActionStatus, ActionUpdate
from insights.actions.selectors import follower_ids, overdue_actions
from notifications.services import notify

TARGET = "insights_actions.action"


def _update_message(update: ActionUpdate) -> str:
    action = update.action
    if update.status_to == ActionStatus.DONE:
        return _("The action “%(title)s” is done: %(outcome)s") % {
            "title": action.title,
            "outcome": action.outcome,
        }
    if update.status_to:
        return _("The action “%(title)s” is now: %(status)s") % {
            "title": action.title,
            "status": ActionStatus(update.status_to).label,
        }
    return _("News of the action “%(title)s”: %(note)s") % {
        "title": action.title,
        "note": update.note,
    }


def deliver_update(update_id: int) -> int:
    """Tell an action's followers (but the update's author) of one update, once each."""
    update = ActionUpdate.objects.select_related("action").filter(pk=update_id).first()
    if update is None:
        return 0
    recipients = follower_ids(update.action) - {update.author_id}
    if not recipients:
        return 0
    return notify(
        recipient_ids=recipients,
        key=f"insights_actions:update:{update.pk}",
        kind="insights_actions",
        message=lambda: _update_message(update),
        url=update.action.get_absolute_url(),
        target=(TARGET, update.action_id),
    )


def nudge_overdue_action_owners(*, today: date | None = None) -> int:
    """Remind each owner of an overdue action, once per action and day. Returns how many
    emails went."""
    today = today or timezone.localdate()
    sent = 0
    for action in overdue_actions(today):
        title, due_on = action.title, action.due_on

        def message(title: str = title, due_on: date = due_on) -> str:
            return _("The action “%(title)s” was due on %(due)s: say where it stands") % {
                "title": title,
                "due": formats.date_format(due_on, "DATE_FORMAT"),
            }

        sent += notify(
            recipient_ids=[action.owner_id] if action.owner_id else [],
            key=f"insights_actions:overdue:{action.pk}:{today.isoformat()}",
            kind="insights_actions",
            message=message,
            url=action.get_absolute_url(),
            target=(TARGET, action.pk),
        )
    return sent
