"""Reads about teams and people that other apps rely on (audiences, permissions, search)."""

from collections import defaultdict

from people.models import Profile, Team


def _team_parents() -> dict[int, int | None]:
    # The whole tree is a few thousand rows at most: one query, walked in memory.
    return dict(Team.objects.values_list("id", "parent_id"))


def team_ancestor_ids(team_id: int) -> list[int]:
    """The team itself, then its parent, up to the top of the tree."""
    parents = _team_parents()
    chain: list[int] = []
    current: int | None = team_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def team_descendant_ids(team_ids: list[int]) -> set[int]:
    """The teams given and every team below them."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for team_id, parent_id in _team_parents().items():
        children[parent_id].append(team_id)
    found: set[int] = set()
    stack = list(team_ids)
    while stack:
        team_id = stack.pop()
        if team_id in found:
            continue
        found.add(team_id)
        stack.extend(children.get(team_id, []))
    return found


def audience_team_ids_for_user(user) -> list[int]:
    """Teams whose audience includes this user: their own team and the teams above it.

    Content addressed to a team reaches its sub-teams too, so a user matches an audience
    when any of these ids is in it.
    """
    team_id = (
        Profile.objects.filter(user=user).values_list("team_id", flat=True).first()
        if user.is_authenticated
        else None
    )
    return team_ancestor_ids(team_id) if team_id else []
