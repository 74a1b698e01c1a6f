"""How each app makes its objects findable in the unified search (the findable-kind registry).

The kernel holds the registry so that no app imports `search` to be found: an app describes a
kind once, in its `search.py` (imported by its AppConfig.ready):

    register(SearchKind(
        kind="person",
        model=Profile,
        queryset=lambda: Profile.objects.active().select_related("user", "team"),
        document=person_document,      # Profile -> SearchDocument, or None when not findable
    ))

The search app listens (`on_register`): saving or deleting an object of `model` (or of a
`related` model) enqueues a re-index of that object after the transaction commits, and
`rebuild_search_index` walks `queryset()`. A change no signal reports (tags added in bulk)
asks for it with `request_reindex`, which the search app serves (`serve_reindex_requests`).

A document may also be gated by communities (`community_ids`): whoever may read one of them,
or know that it exists, is asked at query time from the provider the communities app installs
(`serve_community_reach`), so joining, leaving or a change of visibility re-indexes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from django.db import models
from django.db.models import Prefetch

from core.images import with_renditions


@dataclass
class SearchDocument:
    """What the search engine knows of one object, permissions included.

    `audience_team_ids`: None means every signed-in employee may see it; a list restricts it
    to members of those teams and of their sub-teams. `group_ids`: None, or the groups allowed
    by a Wagtail page privacy setting. `community_ids`: None, or the communities that gate it:
    with `community_access="read"` only those who may read one of them find it (a community's
    posts and events), with `"see"` those who may know it exists (a community itself).
    `visible_from`: found from that moment on only (a scheduled post); None: at once.
    `stale_from`: from that moment on the object may be out of date (an information page past
    its review date): it ranks below equally relevant fresh documents and its result says so;
    None: never. Anything
    a user may never see (an anonymous author's name, a private field) must simply not be put
    in the document.
    """

    kind: str
    object_id: str
    title: str
    url: str
    body: str = ""
    key: str | None = None
    language: str | None = None
    # The languages of the object's other live versions (translations): a reader of one of
    # those languages finds that version instead, so a translated set is found once.
    translations: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)
    date: datetime | None = None
    audience_team_ids: list[int] | None = None
    group_ids: list[int] | None = None
    boost: float = 1.0
    suggestions: list[str] = field(default_factory=list)
    # The object this one belongs to, for searches within it (an idea's challenge).
    parent: str | None = None
    community_ids: list[int] | None = None
    community_access: str = "read"
    visible_from: datetime | None = None
    stale_from: datetime | None = None


@dataclass(frozen=True)
class Thumbnail:
    """What a search result shows beside its title: a cover `image` (None: the kind's visual)
    with what makes its URL checked when private (`owner`, or `serve` and `key`: see
    `frontend.templatetags.pictures.cover`), or a `person` (a profile: photo or initials)."""

    image: Any = None
    owner: Any = None
    serve: str = ""
    key: Any = None
    person: Any = None


@dataclass
class SearchKind:
    kind: str
    model: type[models.Model]
    queryset: Callable[[], models.QuerySet[Any]]
    document: Callable[[Any], SearchDocument | None]
    # Other models whose changes alter this kind's documents, with a function giving the
    # affected objects of `model` (a team renamed changes its members' documents).
    related: dict[type[models.Model], Callable[[Any], Iterable[Any]]] = field(default_factory=dict)
    # Whether guests (core/guests.py) may find this kind at all: a guest's search covers only
    # such kinds, within the documents' own audience (a community's posts for its members).
    guest_visible: bool = False
    # The small pictures of the search page: given the reader and the object ids of this
    # kind's results on one page, their `Thumbnail`s by id, in a constant number of queries
    # (renditions prefetched: `cover_thumbnails`); an id left out: the kind's visual.
    thumbnails: Callable[[Any, list[str]], dict[str, Thumbnail]] | None = None


def prefetched(name: str) -> Prefetch[Any]:
    """Prefetch the objects of `name` into a plain list (read back with `related`).

    The same single query as `prefetch_related(name)`, without Django building one queryset
    per object to hold them, which taggit's managers make costly over a full rebuild.
    """
    return Prefetch(name, to_attr=f"{name}_prefetched")


def cover_thumbnails(
    queryset: models.QuerySet[Any],
    ids: list[str],
    *,
    image: str = "cover_image",
    shape: str = "thumb",
    make: Callable[[Any], Thumbnail] | None = None,
) -> dict[str, Thumbnail]:
    """`SearchKind.thumbnails` for a model with a cover at `image`: the objects of these ids
    with their covers' renditions in `shape` (two queries), each as `make(obj)` (default: its
    cover, its URL checked as the object says: `core.cover_access`)."""
    wanted = [int(pk) for pk in ids if pk.isdigit()]
    objects = with_renditions(queryset.filter(pk__in=wanted), image, shape)
    build = make or (lambda obj: Thumbnail(image=getattr(obj, image), owner=obj))
    return {str(obj.pk): build(obj) for obj in objects}


def related(obj: Any, name: str) -> list[Any]:
    """The objects of `obj.<name>`: the list `prefetched(name)` filled, else one query."""
    found = getattr(obj, f"{name}_prefetched", None)
    return found if found is not None else list(getattr(obj, name).all())


class CommunityReach(NamedTuple):
    """The communities someone may know of (`visible`) and those they may read (`readable`)."""

    visible: list[int]
    readable: list[int]


registry: dict[str, SearchKind] = {}

KindListener = Callable[[SearchKind], None]
Reindexer = Callable[[str, Iterable[Any]], None]

_listeners: list[KindListener] = []
_reindexers: list[Reindexer] = []
_community_reach: list[Callable[[Any], CommunityReach]] = []


def guest_visible_kinds() -> tuple[str, ...]:
    """The kinds a guest may find (registered with `guest_visible=True`), maybe none."""
    return tuple(sorted(kind for kind, entry in registry.items() if entry.guest_visible))


def register(search_kind: SearchKind) -> SearchKind:
    """Make a kind findable; every listener hears of it (the search app connects its signals)."""
    registry[search_kind.kind] = search_kind
    for listener in _listeners:
        listener(search_kind)
    return search_kind


def on_register(listener: KindListener) -> None:
    """Call `listener` for every kind, those registered already and those to come."""
    _listeners.append(listener)
    for search_kind in list(registry.values()):
        listener(search_kind)


def serve_reindex_requests(reindexer: Reindexer) -> None:
    """Install what `request_reindex` calls (the search app's index sync)."""
    if reindexer not in _reindexers:
        _reindexers.append(reindexer)


def request_reindex(kind: str, object_ids: Iterable[Any]) -> None:
    """Ask for these objects of `kind` to be re-indexed from the state the transaction commits.

    For changes no model signal reports; without a search app installed nothing listens.
    """
    ids = list(object_ids)
    for reindexer in _reindexers:
        reindexer(kind, ids)


def serve_community_reach(provider: Callable[[Any], CommunityReach]) -> None:
    """Install who may know of and read which communities (the communities app's rules)."""
    _community_reach[:] = [provider]


def community_reach(user: Any) -> CommunityReach:
    """The communities `user` may know of and read; none without a communities app (then a
    community-gated document is found by administrators only)."""
    if not _community_reach:
        return CommunityReach(visible=[], readable=[])
    return _community_reach[0](user)
