"""The events API under /api/events/: the same rules and errors as the pages.

Mounted in `intranet/urls.py` with `api.add_router("/events/", "agenda.api.router")` (its
own prefix, so that it never meets the routes of `/api/communities/`).
"""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import SessionAuth

from agenda.hosts import host_of
from agenda.models import Event, RSVPStatus
from agenda.selectors.events import (
    can_manage_event,
    event_for,
    places_left,
    rsvp_of,
    rsvp_states,
    sees_online_link,
    upcoming_events,
    waitlist_position,
)
from agenda.services.events import EventError
from agenda.services.rsvp import cancel_rsvp, rsvp
from core.api import ERRORS, TokenAuth
from core.ratelimits import check_api_rate

# The token is tried before the session, as in the other routers (see ideas/api.py).
router = Router(tags=["events"], auth=[TokenAuth(), SessionAuth()])


class HostOut(Schema):
    kind: str = Field(description="community or challenge")
    ref: str | None = Field(description="a community's slug, a challenge's id")
    title: str
    url: str | None


class EventOut(Schema):
    id: int
    title: str
    url: str
    mode: str = Field(description="in_person, online or hybrid")
    starts_at: datetime
    ends_at: datetime
    place: str
    community: str | None = Field(
        description="the community's slug; null for everyone or another host"
    )
    host: HostOut | None = Field(description="who organises it; null for everyone")
    capacity: int | None = Field(description="null: no limit")
    going: int
    waitlist: int
    places_left: int | None
    cancelled: bool
    my_rsvp: str | None = Field(description="going, waitlist or null")


class EventDetailOut(EventOut):
    description: str = Field(description="sanitised HTML")
    online_url: str | None = Field(
        description="null when hidden: an event with a capacity shows it to those going"
    )
    waitlist_position: int | None
    report: str = Field(description="sanitised HTML; empty until the report is written")
    report_links: list[dict[str, str]]


class RSVPOut(Schema):
    event_id: int
    status: str | None = Field(description="going, waitlist or null (no answer)")
    waitlist_position: int | None
    going: int
    waitlist: int
    places_left: int | None


def _event(request, event_id: int) -> Event:
    event = event_for(request.user, event_id)
    if event is None:
        raise HttpError(404, "Not found.")
    return event


def _host_out(event: Event) -> dict | None:
    host = event.host
    registration = host_of(host)
    if registration is None:
        return None
    return {
        "kind": registration.kind,
        "ref": registration.reference(host),
        "title": registration.label(host),
        "url": registration.url(host),
    }


def _event_out(event: Event, my_rsvp: str | None) -> dict:
    host = _host_out(event)
    return {
        "id": event.pk,
        "title": event.title,
        "url": event.get_absolute_url(),
        "mode": event.mode,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "place": event.place,
        "community": host["ref"] if host and host["kind"] == "community" else None,
        "host": host,
        "capacity": event.capacity,
        "going": event.going_count,
        "waitlist": event.waitlist_count,
        "places_left": places_left(event),
        "cancelled": event.cancelled_at is not None,
        "my_rsvp": my_rsvp or None,
    }


def _rsvp_out(request, event: Event) -> dict:
    event.refresh_from_db(fields=["going_count", "waitlist_count"])
    mine = rsvp_of(request.user, event)
    waiting = mine is not None and mine.status == RSVPStatus.WAITLIST
    return {
        "event_id": event.pk,
        "status": mine.status if mine else None,
        "waitlist_position": waitlist_position(mine) if waiting and mine else None,
        "going": event.going_count,
        "waitlist": event.waitlist_count,
        "places_left": places_left(event),
    }


@router.get("/", response={200: list[EventOut], **ERRORS}, summary="Upcoming events I may read")
def list_events(
    request,
    page: int = Query(1, ge=1, le=1000),
    page_size: int = Query(50, ge=1, le=100),
):
    start = (page - 1) * page_size
    events = list(upcoming_events(request.user)[start : start + page_size])
    states = rsvp_states(request.user, [event.pk for event in events])
    return [_event_out(event, states.get(event.pk)) for event in events]


@router.get("/{event_id}/", response={200: EventDetailOut, **ERRORS}, summary="One event")
def read_event(request, event_id: int):
    event = _event(request, event_id)
    mine = rsvp_of(request.user, event)
    manages = can_manage_event(request.user, event)
    shown = sees_online_link(request.user, event, mine, manages=manages)
    waiting = mine is not None and mine.status == RSVPStatus.WAITLIST
    return {
        **_event_out(event, mine.status if mine else None),
        "description": event.description,
        "online_url": event.online_url if shown else None,
        "waitlist_position": waitlist_position(mine) if waiting and mine else None,
        "report": event.report if event.reported_at else "",
        "report_links": event.report_links if event.reported_at else [],
    }


@router.post("/{event_id}/rsvp/", response={200: RSVPOut, **ERRORS}, summary="I'm going")
def rsvp_event(request, event_id: int):
    """A place if one is free, else the waiting list; answering twice changes nothing."""
    check_api_rate(request, "rsvp")
    event = _event(request, event_id)
    try:
        rsvp(event=event, user=request.user)
    except EventError as refusal:
        raise HttpError(refusal.status, refusal.message) from refusal
    return _rsvp_out(request, event)


@router.delete("/{event_id}/rsvp/", response={200: RSVPOut, **ERRORS}, summary="Withdraw")
def withdraw_rsvp(request, event_id: int):
    """Give my place back (or leave the waiting list); the first one waiting gets it."""
    check_api_rate(request, "rsvp")
    event = _event(request, event_id)
    try:
        cancel_rsvp(event=event, user=request.user)
    except EventError as refusal:
        raise HttpError(refusal.status, refusal.message) from refusal
    return _rsvp_out(request, event)
