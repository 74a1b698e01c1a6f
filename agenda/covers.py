"""An event's cover is as private as its host (`core.cover_access`): the cover of an event
of a community or a challenge is served by the checked view to whoever may read the event
(`selectors.events.event_for`, which asks the host), 404 to anyone else; an event of no host
is for every employee, and its cover is a plain media file."""

from __future__ import annotations

from django.http import HttpRequest

from agenda.models import Event
from agenda.selectors.events import event_for
from core.cover_access import register_cover_owner


def hosted(event: Event) -> bool:
    """Covers of hosted events go through the checked view (no query: a field it has)."""
    return event.host_type_id is not None


def readable_cover(request: HttpRequest, key: str) -> int | None:
    if not key.isdigit():
        return None
    event = event_for(request.user, int(key))
    return event.cover_image_id if event is not None else None


def register() -> None:
    register_cover_owner(Event, kind="event", private=hosted, image_of=readable_cover)
