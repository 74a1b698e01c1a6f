"""Writes of action plans: opening an action, recording its progress, following it.

Notices go through the notification centre (`notifications.services.notify`), from a task
the outbox runs once the write has committed (`insights.actions.tasks`), never in a request;
the daily nudge of overdue actions' owners is in `insights.actions.notices`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from insights.actions.models import (
    CLOSED_STATUSES,
    Action,
    ActionFollow,
    ActionUpdate,
)
from insights.actions.tasks import deliver_update_notices
from insights.privacy import min_people

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from people.models import Team


@dataclass(frozen=True)
class Source:
    """What an action answers: a short label and the number of people behind it."""

    kind: str
    key: str
    label: str
    week: date
    people: int


def action_open(
    *,
    opener: User,
    title: str,
    source: Source,
    owner: User,
    due_on: date,
    description: str = "",
    team: Team | None = None,
    public: bool = False,
) -> Action:
    """Open an action; its opener and its owner follow it. The caller has checked that the
    opener may open it for this team; a source under the floor is refused here too
    (ValueError), so that no path ever publishes a count that singles people out."""
    if source.people < min_people():
        raise ValueError("An action answers at least the floor of people.")
    with transaction.atomic():
        action = Action(
            title=title,
            source_kind=source.kind,
            source_key=source.key,
            source_label=source.label,
            source_week=source.week,
            source_people=source.people,
            description=description,
            owner=owner,
            opened_by=opener,
            team=team,
            due_on=due_on,
            public=public,
        )
        action.full_clean()
        action.save()
        ActionFollow.objects.bulk_create(
            [ActionFollow(action=action, user_id=pk) for pk in {opener.pk, owner.pk}],
            ignore_conflicts=True,
        )
    return action


def action_edit(*, action: Action, editor: User, **fields: object) -> Action:
    """Change an action's title, description, owner, team, due date or publicity; a new
    owner follows it."""
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        if locked.owner_id is not None:
            ActionFollow.objects.get_or_create(action=locked, user_id=locked.owner_id)
    return locked


def action_record_progress(
    *, action: Action, author: User, note: str = "", status: str = "", outcome: str = ""
) -> ActionUpdate:
    """Record a progress note and/or a status change (with the outcome when done), under a
    row lock so that two changes at once are both recorded against the right status; the
    followers (but its author) are told once, after commit."""
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        status_from = locked.status
        changed = bool(status) and status != status_from
        if changed:
            locked.status = status
            locked.closed_at = timezone.now() if status in CLOSED_STATUSES else None
        if outcome:
            locked.outcome = outcome
        locked.full_clean()
        locked.save()
        update = ActionUpdate.objects.create(
            action=locked,
            author=author,
            note=note,
            status_from=status_from if changed else "",
            status_to=status if changed else "",
        )
        deliver_update_notices.enqueue(update.pk)
    return update


def action_follow(*, action: Action, user: User) -> bool:
    """Follow an action; following twice (or twice at once) keeps one follow. Returns whether
    this call added it."""
    try:
        with transaction.atomic():
            _follow, created = ActionFollow.objects.get_or_create(action=action, user=user)
    except IntegrityError:  # the same follow committed by a concurrent request
        return False
    return created


def action_unfollow(*, action: Action, user: User) -> bool:
    deleted, _rows = ActionFollow.objects.filter(action=action, user=user).delete()
    return bool(deleted)
