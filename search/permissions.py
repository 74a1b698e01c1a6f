"""Who is searching: the teams and groups that open restricted documents to them, and for a
guest (`core.guests`) the only kinds they may find: those registered `guest_visible`."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.findable import guest_visible_kinds
from core.guests import is_guest
from people.selectors import audience_team_ids_for_user


@dataclass(frozen=True)
class Searcher:
    user_id: int | None
    sees_everything: bool = False
    team_ids: list[int] = field(default_factory=list)
    group_ids: list[int] = field(default_factory=list)
    # None: every kind; else only these (a guest's: the kinds opened to guests, maybe none).
    kinds: tuple[str, ...] | None = None

    @classmethod
    def for_user(cls, user) -> Searcher:
        if not user.is_authenticated:
            return cls(user_id=None)
        if is_guest(user):
            return cls(
                user_id=user.pk,
                team_ids=audience_team_ids_for_user(user),
                group_ids=list(user.groups.values_list("id", flat=True)),
                kinds=guest_visible_kinds(),
            )
        return cls(
            user_id=user.pk,
            sees_everything=user.is_superuser,
            team_ids=audience_team_ids_for_user(user),
            group_ids=list(user.groups.values_list("id", flat=True)),
        )

    def may_see(self, *, kind: str, audience_team_ids, group_ids) -> bool:
        if self.kinds is not None and kind not in self.kinds:
            return False
        if self.sees_everything:
            return True
        if audience_team_ids is not None and not set(audience_team_ids) & set(self.team_ids):
            return False
        return group_ids is None or bool(set(group_ids) & set(self.group_ids))


SEARCH_VIEWS = frozenset({"search", "search-click", "api:search", "api:suggestions"})


def search_open_to_guests(request) -> bool:
    """The guest rule of search (`core.guests`): the search page and API are open to guests
    once some kind is open to them; their results hold those kinds only (`Searcher.kinds`)."""
    match = request.resolver_match
    return bool(match and match.view_name in SEARCH_VIEWS and guest_visible_kinds())
