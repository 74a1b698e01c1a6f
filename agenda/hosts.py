"""What organises an event (its host), and what its host says about who sees and runs it.

An event is hosted by an object of a higher app (a community, a challenge), or by nothing
(an event for every employee). `events` never imports those apps: each registers its host
model once, from its `AppConfig.ready()`, before the events app is ready (INSTALLED_APPS
lists `events` after them):

    register_host(
        Community,
        kind="community",
        readable=communities_readable_by,      # user -> the hosts whose events they read
        may_organise=can_animate,              # (user, host) -> plans and runs its events
        audience=member_ids,                   # host -> who hears of a new event
        readers_among=...,                     # (host, user ids) -> who may still read
        label=lambda community: community.name,
        url=lambda community: community.get_absolute_url(),
    )

The visibility of an event is the visibility of its host for that person: every page, list,
API call, search document, feed item and notice asks `selectors.access`, which asks these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet


def _nobody(host: Any) -> set[int]:
    return set()


def _no_url(host: Any) -> str | None:
    return None


def _no_gate(host: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Host:
    """One kind of host, as its app registered it."""

    model: type[Model]
    # The host's name in imports, the API and notices ("community", "challenge").
    kind: str
    # The hosts whose events this person may read (one query, used as a subquery).
    readable: Callable[[Any], QuerySet[Any]]
    # Whether this person plans events of this host and runs them (edit, cancel, report).
    may_organise: Callable[[Any, Any], bool]
    # Of these people (ids), those who may still read the host's events.
    readers_among: Callable[[Any, set[int]], set[int]]
    # The hosts whose existence this person may know (default: `readable`): planning an
    # event of a host one may not know is "not found", of one one may not run "not allowed".
    visible: Callable[[Any], QuerySet[Any]] | None = None
    # What someone who may not plan its events is told (a lazy translation).
    refusal: Any = ""
    # Who is told that an event of this host is planned (ids); nobody by default.
    audience: Callable[[Any], set[int]] = _nobody
    label: Callable[[Any], str] = str
    # The host model's field that holds its name (`label`), for lists that show it in the
    # same query (`selectors.events.with_host_names`).
    label_field: str = ""
    url: Callable[[Any], str | None] = _no_url
    # The public reference of a host in the API and imports (a community's slug).
    reference: Callable[[Any], str | None] = _no_url
    # "In the community “…”": what the event form says of the host.
    caption: Callable[[Any], str] = str
    # Where to plan a new event of this host (None: nowhere on the site).
    new_event_url: Callable[[Any], str | None] = _no_url
    # The search document's gate of an event of this host (SearchDocument fields:
    # `community_ids`, `audience_team_ids`, `group_ids`, `parent`); None: not findable.
    search_gate: Callable[[Any], dict[str, Any] | None] = _no_gate
    # A host's change that alters its events' documents: the events to re-index.
    reindex_on_change: Callable[[Any], Iterable[Any]] | None = None


_hosts: dict[type[Model], Host] = {}


def may_know(user: Any, host: Any) -> bool:
    """Whether this person may know that `host` exists (one query)."""
    registration = host_of(host)
    if registration is None:
        return False
    visible = registration.visible or registration.readable
    return visible(user).filter(pk=host.pk).exists()


def register_host(model: type[Model], **options: Any) -> Host:
    """Let `model` host events (called from the hosting app's `AppConfig.ready()`)."""
    host = Host(model=model, **options)
    _hosts[model] = host
    return host


def hosts() -> list[Host]:
    """Every registered kind of host."""
    return list(_hosts.values())


def host_for_model(model: type[Model]) -> Host | None:
    """The registration of this host model (or of the concrete model it derives from)."""
    for klass in model.__mro__:
        if klass in _hosts:
            return _hosts[klass]
    return None


def host_of(obj: Any) -> Host | None:
    """The registration of the host object `obj` (None for None or an unknown model)."""
    if obj is None:
        return None
    return host_for_model(type(obj))


def host_by_kind(kind: str) -> Host | None:
    """The registration whose kind is `kind` ("community", "challenge")."""
    return next((host for host in _hosts.values() if host.kind == kind), None)


def content_type(model: type[Model]) -> ContentType:
    """The content type naming this host model in `Event.host_type` (cached by Django)."""
    return ContentType.objects.get_for_model(model, for_concrete_model=True)
