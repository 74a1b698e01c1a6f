"""Who is searching: the teams and groups that open restricted documents to them."""

from __future__ import annotations

from dataclasses import dataclass, field

from people.selectors import audience_team_ids_for_user


@dataclass(frozen=True)
class Searcher:
    user_id: int | None
    sees_everything: bool = False
    team_ids: list[int] = field(default_factory=list)
    group_ids: list[int] = field(default_factory=list)

    @classmethod
    def for_user(cls, user) -> Searcher:
        if not user.is_authenticated:
            return cls(user_id=None)
        return cls(
            user_id=user.pk,
            sees_everything=user.is_superuser,
            team_ids=audience_team_ids_for_user(user),
            group_ids=list(user.groups.values_list("id", flat=True)),
        )

    def may_see(self, *, audience_team_ids, group_ids) -> bool:
        if self.sees_everything:
            return True
        if audience_team_ids is not None and not set(audience_team_ids) & set(self.team_ids):
            return False
        return group_ids is None or bool(set(group_ids) & set(self.group_ids))
