"""Reads of action plans: who may open, see and change an action, the lists, the public page.

Who may open an action: communicators (any team, or none) and managers (for their teams).
Who may change one: its owner, who opened it, and communicators. Who may see one: those, the
managers of its team, its followers, and, once it is public, every signed-in employee.
"""

from __future__ import annotations

import statistics
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from insights.actions.models import Action, ActionFollow, ActionStatus, ActionUpdate
from insights.selectors import is_communicator, teams_managed_by
from people.models import Team
from people.selectors import managed_team_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

# What the public page lists first: what was done, then what is under way.
STATUS_ORDER = Case(
    When(status=ActionStatus.DONE, then=Value(0)),
    When(status=ActionStatus.IN_PROGRESS, then=Value(1)),
    When(status=ActionStatus.PLANNED, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def _signed_in(user: AnyUser) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def openable_teams(user: AnyUser) -> list[Team] | None:
    """The teams `user` may open actions for; None: any team or none (communicators)."""
    if is_communicator(user):
        return None
    return teams_managed_by(user) if _signed_in(user) else []


def may_open_actions(user: AnyUser) -> bool:
    """Communicators and managers; the result is kept on the user for the request."""
    if not _signed_in(user):
        return False
    cached: bool | None = getattr(user, "_may_open_actions", None)
    if cached is None:
        cached = is_communicator(user) or bool(managed_team_ids(user))
        user._may_open_actions = cached  # type: ignore[union-attr]
    return cached


def may_open_for_team(user: AnyUser, team: Team | None) -> bool:
    """Whether `user` may open an action for `team` (None: the whole organisation)."""
    if not may_open_actions(user):
        return False
    if is_communicator(user):
        return True
    return team is not None and team.pk in managed_team_ids(user)


def can_change_action(user: AnyUser, action: Action) -> bool:
    if not _signed_in(user):
        return False
    return user.pk in (action.owner_id, action.opened_by_id) or is_communicator(user)


def _visible_filter(user: User) -> Q:
    managed = managed_team_ids(user)
    return (
        Q(public=True)
        | Q(owner=user)
        | Q(opened_by=user)
        | Q(team_id__in=managed)
        | Q(follows__user=user)
    )


def actions_visible_to(user: AnyUser) -> QuerySet[Action]:
    if not _signed_in(user):
        return Action.objects.none()
    if is_communicator(user):
        return Action.objects.all()
    visible = Action.objects.filter(_visible_filter(user)).values("pk")  # type: ignore[arg-type]
    return Action.objects.filter(pk__in=visible)


def visible_action_ids(user: AnyUser, ids: set[int]) -> set[int]:
    """For the notification centre: which of these actions `user` may still see."""
    return set(actions_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def action_for(user: AnyUser, pk: int) -> Action | None:
    actions = actions_visible_to(user).select_related("owner", "team", "opened_by")
    return actions.filter(pk=pk).first()


def actions_listed_for(user: AnyUser, status: str = "") -> QuerySet[Action]:
    """The list for who may open actions: communicators see all; managers their teams' and
    the ones they opened or own."""
    if is_communicator(user):
        actions = Action.objects.all()
    else:
        actions = Action.objects.filter(
            Q(team_id__in=managed_team_ids(user)) | Q(owner=user) | Q(opened_by=user)
        )
    if status in ActionStatus.values:
        actions = actions.filter(status=status)
    return actions.select_related("owner", "team").order_by(STATUS_ORDER, "due_on", "pk")


def updates_of(action: Action) -> QuerySet[ActionUpdate]:
    return action.updates.select_related("author")


def is_following(user: AnyUser, action: Action) -> bool:
    return _signed_in(user) and ActionFollow.objects.filter(action=action, user=user).exists()  # type: ignore[misc]


def follower_ids(action: Action) -> set[int]:
    """Active followers of an action."""
    return set(
        ActionFollow.objects.filter(action=action, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )


def public_actions(*, status: str = "", source_kind: str = "") -> QuerySet[Action]:
    """“You said, we did”: public actions, what was done first, then under way, then planned,
    then dropped; the most recently closed or due first within each."""
    actions = Action.objects.filter(public=True)
    if status in ActionStatus.values:
        actions = actions.filter(status=status)
    if source_kind:
        actions = actions.filter(source_kind=source_kind)
    return actions.order_by(STATUS_ORDER, "-closed_at", "due_on", "-pk")


def actions_done_between(start: datetime, end: datetime) -> QuerySet[Action]:
    """Actions completed (status done) in [start, end), oldest first: for reports and digests."""
    return Action.objects.filter(
        status=ActionStatus.DONE, closed_at__gte=start, closed_at__lt=end
    ).order_by("closed_at", "pk")


def overdue_actions(today: date) -> QuerySet[Action]:
    """Open actions whose due date has passed, with an active owner."""
    return (
        Action.objects.filter(
            status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS],
            due_on__lt=today,
            owner__is_active=True,
        )
        .select_related("owner")
        .order_by("pk")
    )


def closed_count(start: datetime, end: datetime, team_ids: set[int] | None) -> int:
    actions = actions_done_between(start, end)
    if team_ids is not None:
        actions = actions.filter(team_id__in=team_ids)
    return actions.count()


def median_days_to_action(
    start: datetime, end: datetime, team_ids: set[int] | None
) -> float | None:
    """Median days from the week an action answers (its Monday) to the day it was opened,
    over the actions opened in [start, end)."""
    actions = Action.objects.filter(created_at__gte=start, created_at__lt=end)
    if team_ids is not None:
        actions = actions.filter(team_id__in=team_ids)
    delays = [
        (timezone.localdate(created) - week).days
        for created, week in actions.values_list("created_at", "source_week")
    ]
    return float(statistics.median(delays)) if delays else None
