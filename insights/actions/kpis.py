"""KPIs of action plans, for the objectives part to register (insights.kpis.Measure).

Actions describe what the organisation did, not what a person did: `people` is the number of
active people in the group, as for the other group-wide KPIs, and a group's actions are those
of its teams (the whole organisation: every action).
"""

from __future__ import annotations

from datetime import datetime

from insights.actions.selectors import closed_count, median_days_to_action
from insights.kpis import Group, Measure


def _team_ids(group: Group) -> set[int] | None:
    if not group.restricted:
        return None
    return {team_id for team_id in group.members.values() if team_id is not None}


def actions_closed(start: datetime, end: datetime, group: Group) -> Measure:
    """How many actions were completed (done) in [start, end)."""
    return Measure(
        value=float(closed_count(start, end, _team_ids(group))), people=len(group.members)
    )


def median_days_signal_to_action(start: datetime, end: datetime, group: Group) -> Measure:
    """Median days from the week of what an action answers to its opening, over the actions
    opened in [start, end); None when none was."""
    return Measure(
        value=median_days_to_action(start, end, _team_ids(group)), people=len(group.members)
    )
