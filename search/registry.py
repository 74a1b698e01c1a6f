"""How each app makes its objects findable in the unified search.

An app describes a kind once, in its `search.py` (imported by its AppConfig.ready):

    register(SearchKind(
        kind="person",
        model=Profile,
        queryset=lambda: Profile.objects.active().select_related("user", "team"),
        document=person_document,      # Profile -> SearchDocument, or None when not findable
    ))

Saving or deleting an object of `model` (or of a `related` model) enqueues a re-index of that
object after the transaction commits; `rebuild_search_index` walks `queryset()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Prefetch


@dataclass
class SearchDocument:
    """What the search engine knows of one object, permissions included.

    `audience_team_ids`: None means every signed-in employee may see it; a list restricts it
    to members of those teams and of their sub-teams. `group_ids`: None, or the groups allowed
    by a Wagtail page privacy setting. Anything a user may never see (an anonymous author's
    name, a private field) must simply not be put in the document.
    """

    kind: str
    object_id: str
    title: str
    url: str
    body: str = ""
    key: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)
    date: datetime | None = None
    audience_team_ids: list[int] | None = None
    group_ids: list[int] | None = None
    boost: float = 1.0
    suggestions: list[str] = field(default_factory=list)
    # The object this one belongs to, for searches within it (an idea's challenge).
    parent: str | None = None


@dataclass
class SearchKind:
    kind: str
    model: type[models.Model]
    queryset: Callable[[], models.QuerySet[Any]]
    document: Callable[[Any], SearchDocument | None]
    # Other models whose changes alter this kind's documents, with a function giving the
    # affected objects of `model` (a team renamed changes its members' documents).
    related: dict[type[models.Model], Callable[[Any], Iterable[Any]]] = field(default_factory=dict)


def prefetched(name: str) -> Prefetch[Any]:
    """Prefetch the objects of `name` into a plain list (read back with `related`).

    The same single query as `prefetch_related(name)`, without Django building one queryset
    per object to hold them, which taggit's managers make costly over a full rebuild.
    """
    return Prefetch(name, to_attr=f"{name}_prefetched")


def related(obj: Any, name: str) -> list[Any]:
    """The objects of `obj.<name>`: the list `prefetched(name)` filled, else one query."""
    found = getattr(obj, f"{name}_prefetched", None)
    return found if found is not None else list(getattr(obj, name).all())


registry: dict[str, SearchKind] = {}


def register(search_kind: SearchKind) -> SearchKind:
    from search.signals import connect_kind

    registry[search_kind.kind] = search_kind
    connect_kind(search_kind)
    return search_kind


def kinds_for_model(model: type[models.Model]) -> list[SearchKind]:
    return [
        search_kind
        for search_kind in registry.values()
        if issubclass(model, search_kind.model) or model is search_kind.model
    ]
