"""Which groups' figures may be shown: complementary suppression over the team tree.

Every figure by team is a sum over people (contributors, active people, ideas, kudos,
searchers…), so whoever reads several figures can subtract them: a team's total minus its
sub-teams' totals is the figure of its direct members and smaller sub-teams. The floor
(`INSIGHTS_MIN_PEOPLE`) must hold for every group that can be computed that way, not only
for the groups shown.

The groups shown form a tree (a team and its sub-teams contain the groups of those
sub-teams), so subtracting can isolate at best a group's *residue*: its people minus those
of its shown sub-groups. `disclose` keeps a group only with at least the floor of people,
and makes every residue either empty or at least the floor: when a residue is smaller, the
smallest shown sub-group is withheld together with everything below it, so that it merges
into the residue (which then reaches the floor, since that sub-group did). The root (the
whole organisation, `None`) is always kept; where its figure is shown beside the teams' (the
KPIs), people outside every shown top-level team must reach the floor too, or the smallest
top-level team is withheld.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar, cast

Node = TypeVar("Node", bound=Hashable)


def subtree(children: Mapping[Node, Sequence[Node]], node: Node) -> set[Node]:
    """The node and every node below it."""
    found: set[Node] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, ()))
    return found


def bottom_up(children: Mapping[Node, Sequence[Node]], root: Node) -> list[Node]:
    """The nodes under `root`, each after every node below it."""
    order: list[Node] = []
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)
        stack.extend(children.get(node, ()))
    return order[::-1]


def disclose(
    *,
    children: Mapping[Node, Sequence[Node]],
    size: Mapping[Node, int],
    minimum: int,
    root: Node | None = None,
    check_root: bool = True,
) -> set[Node]:
    """The nodes whose figures may be shown.

    `children` is the tree under `root`; `size[node]` is the number of distinct people the
    node's figure is drawn from (the node and everything below it; a missing node counts 0).
    A node is kept when it reaches `minimum` and survives its parent's check: the people
    of a kept node that no kept child covers are either none or at least `minimum`.
    `check_root=False` when the root's own figure is never shown next to the others (the
    managers' dashboards show no organisation-wide figure).
    """
    shown: set[Node] = set()
    # the root (None: the organisation) is a node of `children`
    for node in bottom_up(children, cast(Node, root)):
        if node != root and size.get(node, 0) < minimum:
            continue
        shown.add(node)
        kept = [child for child in children.get(node, ()) if child in shown]
        residue = size.get(node, 0) - sum(size[child] for child in kept)
        if kept and 0 < residue < minimum and (check_root or node != root):
            smallest = min(kept, key=lambda child: (size[child], str(child)))
            withheld = subtree(children, smallest)
            shown -= withheld
    return shown
