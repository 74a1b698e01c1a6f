"""Who is searching: the teams, groups and communities that open restricted documents to them,
and for a guest (`core.guests`) the only kinds they may find: those registered `guest_visible`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from core.findable import community_reach, guest_visible_kinds
from core.guests import is_guest
from core.languages import reader_language
from people.selectors import audience_team_ids_for_user


@dataclass(frozen=True)
class Searcher:
    user_id: int | None
    sees_everything: bool = False
    team_ids: list[int] = field(default_factory=list)
    group_ids: list[int] = field(default_factory=list)
    # Communities this person may know of, and those whose content they may read, as the
    # communities app says when the search starts (nothing about them is in the index).
    visible_community_ids: list[int] = field(default_factory=list)
    readable_community_ids: list[int] = field(default_factory=list)
    # None: every kind; else only these (a guest's: the kinds opened to guests, maybe none).
    kinds: tuple[str, ...] | None = None
    # The reader's language: of a translated set, they find the version in it (None: every
    # version, as the index's tools show them).
    language: str | None = None

    @classmethod
    def for_user(cls, user) -> Searcher:
        if not user.is_authenticated:
            return cls(user_id=None, language=reader_language())
        if user.is_superuser:
            return cls(user_id=user.pk, sees_everything=True, language=reader_language())
        reach = community_reach(user)
        return cls(
            user_id=user.pk,
            team_ids=audience_team_ids_for_user(user),
            group_ids=list(user.groups.values_list("id", flat=True)),
            visible_community_ids=sorted(reach.visible),
            readable_community_ids=sorted(reach.readable),
            # A guest finds only the kinds opened to guests (in the communities they are in).
            kinds=guest_visible_kinds() if is_guest(user) else None,
            language=reader_language(),
        )

    def reads_other_version(self, found: Any) -> bool:
        """Whether `found` has a version in this reader's language, which they find instead."""
        if not self.language or getattr(found, "language", None) in (None, "", self.language):
            return False
        translations = getattr(found, "translations", None) or []
        if isinstance(translations, str):
            translations = translations.split()
        return self.language in translations

    def may_see(self, found: Any) -> bool:
        """Whether this person may find `found`: a SearchDocument or a SearchEntry, which
        name their permission fields alike. Nobody finds a scheduled one before its time."""
        visible_from = getattr(found, "visible_from", None)
        if visible_from is not None and visible_from > timezone.now():
            return False
        if self.kinds is not None and found.kind not in self.kinds:
            return False
        if self.reads_other_version(found):
            return False
        if self.sees_everything:
            return True
        audience_team_ids, group_ids = found.audience_team_ids, found.group_ids
        if audience_team_ids is not None and not set(audience_team_ids) & set(self.team_ids):
            return False
        if group_ids is not None and not set(group_ids) & set(self.group_ids):
            return False
        community_ids = getattr(found, "community_ids", None)
        if community_ids is None:
            # A guest sees nothing outside their communities, even of a kind open to guests
            # (an event of a challenge open to everyone, say).
            return self.kinds is None
        reach = (
            self.visible_community_ids
            if found.community_access == "see"
            else self.readable_community_ids
        )
        return bool(set(community_ids) & set(reach))


SEARCH_VIEWS = frozenset({"search", "search-click", "api:search", "api:suggestions"})


def search_open_to_guests(request) -> bool:
    """The guest rule of search (`core.guests`): the search page and API are open to guests
    once some kind is open to them; their results hold those kinds only (`Searcher.kinds`)."""
    match = request.resolver_match
    return bool(match and match.view_name in SEARCH_VIEWS and guest_visible_kinds())
