"""Which kudos come from the recipient's manager, so that lists can say so ("From your
manager"), for a whole list of kudos in at most two queries.

A kudos is from the recipient's manager when the sender is the recipient's own manager, or
manages one of the recipient's teams: the sender's direct reports are in the recipient's team
or in a team above it (the same rule as the managers' dashboard, `managed_team_ids`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from people.models import Kudos, Profile, Team

# The attribute set on each kudos: templates read `kudos.from_manager`.
FROM_MANAGER = "from_manager"


def mark_manager_thanks(kudos: Iterable[Kudos]) -> list[Kudos]:
    """The kudos, each with `from_manager` set (True when given by a manager of the
    recipient). Two queries whatever the number of kudos (none for no kudos); each needs its
    `recipient` loaded (its `manager_id` and `team_id` are read)."""
    found = list(kudos)
    for item in found:
        cast(Any, item).from_manager = False
    if not found:
        return found
    reports = Profile.objects.filter(manager__user_id__in={k.sender_id for k in found})
    direct: set[tuple[int, int]] = set()
    led_teams: dict[int, set[int]] = defaultdict(set)
    for sender_id, report_id, team_id, active in reports.values_list(
        "manager__user_id", "pk", "team_id", "user__is_active"
    ):
        direct.add((sender_id, report_id))
        if team_id is not None and active:
            led_teams[sender_id].add(team_id)
    # Always read, so that a list costs the same two queries whoever gave its kudos.
    parents: dict[int, int | None] = dict(Team.objects.values_list("pk", "parent_id"))
    for item in found:
        recipient = item.recipient
        from_manager = (item.sender_id, recipient.pk) in direct or bool(
            led_teams.get(item.sender_id, set()) & _team_and_above(recipient.team_id, parents)
        )
        cast(Any, item).from_manager = from_manager
    return found


def _team_and_above(team_id: int | None, parents: dict[int, int | None]) -> set[int]:
    chain: set[int] = set()
    current = team_id
    while current is not None and current not in chain:
        chain.add(current)
        current = parents.get(current)
    return chain
