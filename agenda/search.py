"""Search kind `event` for the unified search (core.findable).

A document is gated as its host says (`hosts.Host.search_gate`): an event of a community
names the community (`community_ids`, asked at query time: joining, leaving or a change of
visibility re-indexes nothing), an event of a challenge its audience; an event of no host is
for every employee, as `selectors.access.events_readable_by` says.

Documents follow the committed state through the search app's model signals: saving or
deleting an Event re-indexes it after commit, and so does a host's change that its
registration names (`reindex_on_change`: a community renamed, whose name the documents hold).
The hosts are registered before this module is imported (agenda/apps.py).
"""

from __future__ import annotations

from typing import Any

from agenda.hosts import host_of, hosts
from agenda.models import Event
from core.findable import SearchDocument, SearchKind, cover_thumbnails, register
from core.keys import import_key, with_import_key
from core.richtext import plain_text


def event_document(event: Event) -> SearchDocument | None:
    """Title, description, place, report and the host's name, gated as the host says; None
    for an event whose host is gone or no longer registered (found by no one)."""
    host = event.host
    registration = host_of(host)
    if event.host_type_id is not None and registration is None:
        return None
    gate: dict[str, Any] | None = registration.search_gate(host) if registration is not None else {}
    if gate is None:  # the host is not findable (a page behind a password): nor its events
        return None
    body = " · ".join(
        part
        for part in [
            plain_text(event.description),
            event.place,
            registration.label(host) if registration is not None else "",
            plain_text(event.report),
        ]
        if part
    )
    return SearchDocument(
        kind="event",
        object_id=str(event.pk),
        title=event.title,
        url=event.get_absolute_url(),
        body=body,
        key=import_key(event, "event"),
        date=event.starts_at,
        suggestions=[event.title],
        **gate,
    )


def register_kind() -> SearchKind:
    """Make events findable (once every host is registered)."""
    return register(
        SearchKind(
            kind="event",
            guest_visible=True,  # a guest finds those of their communities (the host's gate)
            model=Event,
            queryset=lambda: with_import_key(Event.objects.prefetch_related("host"), "event"),
            document=event_document,
            thumbnails=lambda user, ids: cover_thumbnails(Event.objects.all(), ids),
            related={
                host.model: host.reindex_on_change
                for host in hosts()
                if host.reindex_on_change is not None
            },
        )
    )


register_kind()
