"""KPIs of the culture objective: thanks across teams, breadth of participation, values.

Kudos are public and never anonymous; participation by team uses only contributions made
under one's name (an anonymous idea or question counts in no team).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import datetime

from ideas.selectors.insights import idea_contributor_ids
from insights.kpis_registry import Group, Measure, share
from insights.privacy import min_people
from news.selectors.insights import news_contributor_ids
from people.selectors import kudos_flows, kudos_given, offered_value_ids


def contributor_ids(
    start: datetime, end: datetime, user_ids: Collection[int] | None = None
) -> set[int]:
    """People who submitted an idea, voted, commented, asked leadership or gave kudos.

    With `user_ids`, only these people, and anonymous ideas and questions do not count.
    """
    found = idea_contributor_ids(start=start, end=end, user_ids=user_ids)
    found |= news_contributor_ids(start=start, end=end, user_ids=user_ids)
    found |= {sender for sender, _to in kudos_flows(start=start, end=end, user_ids=user_ids)}
    return found


def kudos_across_teams(start: datetime, end: datetime, group: Group) -> Measure:
    """% of the kudos the group gave that went to someone of another team (kudos from or to
    someone without a team left out)."""
    given = kudos_given(start=start, end=end, sender_ids=group.user_ids)
    known = [row for row in given if row["sender_team_id"] and row["recipient_team_id"]]
    across = sum(1 for row in known if row["sender_team_id"] != row["recipient_team_id"])
    return Measure(share(across, len(known)), len({row["sender_id"] for row in known}))


def values_recognised(start: datetime, end: datetime, group: Group) -> Measure:
    """% of the values currently offered in kudos that the group's kudos recognised."""
    given = kudos_given(start=start, end=end, sender_ids=group.user_ids)
    offered = offered_value_ids()
    recognised = {row["value_id"] for row in given} & offered
    return Measure(share(len(recognised), len(offered)), len({row["sender_id"] for row in given}))


def participation_breadth(start: datetime, end: datetime, group: Group) -> Measure:
    """% of the group's teams with at least one contributor in the period.

    Only teams with at least the floor of active members count (a smaller team's "someone
    contributed" would nearly name them), and only contributions under one's name. The
    value is drawn from the contributors.
    """
    sizes = Counter(team for team in group.members.values() if team is not None)
    teams = {team for team, size in sizes.items() if size >= min_people()}
    found = contributor_ids(start, end, set(group.members)) & set(group.members)
    reached = {group.members[user] for user in found} & teams
    return Measure(share(len(reached), len(teams)), len(found))
