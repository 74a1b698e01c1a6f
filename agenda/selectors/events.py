"""Reads about events: the lists, each reader's answer, a host's events.

Every rule about reading goes through `access.events_readable_by`; this module only adds what
an event's page, list, partial, email and API need, in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Case as Choose
from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from agenda.hosts import content_type, host_of, hosts
from agenda.models import RSVP, Event, RSVPStatus
from core.images import with_renditions

from .access import (
    can_create_event,
    can_manage_event,
    event_ids_visible_to,
    events_readable_by,
    readable_host,
    signed_in,
    still_readers,
)

__all__ = [
    "HostEvents",
    "attendees",
    "can_create_event",
    "can_manage_event",
    "event_for",
    "event_ids_visible_to",
    "events_readable_by",
    "has_ended",
    "has_started",
    "host_events",
    "host_link",
    "places_left",
    "rsvp_of",
    "rsvp_states",
    "sees_online_link",
    "still_readers",
    "upcoming_events",
    "waitlist_position",
    "with_host_names",
]

# How long a report stays in a host's "recent reports" (a community's page).
RECENT_REPORTS = timedelta(days=90)


def event_for(user: Any, event_id: int) -> Event | None:
    """The event if this person may read it (its host and organiser loaded), else None.
    Only the rules of the event's own host are asked (`access.readable_host`)."""
    events = with_renditions(Event.objects.select_related("organiser"), "cover_image", "hero")
    event = events.filter(pk=event_id).first()
    if event is None or readable_host(user, event) is None:
        return None
    return event


def upcoming_events(user: Any, *, now: datetime | None = None) -> QuerySet[Event]:
    """Events not over yet and not cancelled that this person may read, soonest first."""
    now = now or timezone.now()
    return with_renditions(
        events_readable_by(user)
        .filter(ends_at__gt=now, cancelled_at__isnull=True)
        .prefetch_related("host")
        .order_by("starts_at", "pk"),
        "cover_image",
        "card",
    )


def with_host_names(events: QuerySet[Event]) -> QuerySet[Event]:
    """The events with `host_name`, their host's name, read in the same query ("" for an
    event of no host): for lists that show it without loading each host."""
    choices = [
        When(
            host_type=content_type(host.model),
            then=Subquery(
                host.model._default_manager.filter(pk=OuterRef("host_id")).values(host.label_field)[
                    :1
                ]
            ),
        )
        for host in hosts()
        if host.label_field
    ]
    if not choices:
        return events.annotate(host_name=Value("", output_field=CharField()))
    return events.annotate(host_name=Choose(*choices, default=Value(""), output_field=CharField()))


def has_started(event: Event, now: datetime | None = None) -> bool:
    return event.starts_at <= (now or timezone.now())


def has_ended(event: Event, now: datetime | None = None) -> bool:
    return event.ends_at <= (now or timezone.now())


def places_left(event: Event) -> int | None:
    """None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.going_count, 0)


def waitlist_position(rsvp: RSVP) -> int:
    """1 for the first on the waiting list (first come, first served)."""
    ahead = RSVP.objects.filter(event_id=rsvp.event_id, status=RSVPStatus.WAITLIST).filter(
        Q(created_at__lt=rsvp.created_at) | Q(created_at=rsvp.created_at, pk__lt=rsvp.pk)
    )
    return ahead.count() + 1


def rsvp_of(user: Any, event: Event) -> RSVP | None:
    if not signed_in(user):
        return None
    return RSVP.objects.filter(event=event, user_id=user.pk).first()


def rsvp_states(user: Any, event_ids: list[int]) -> dict[int, str]:
    """This person's answer per event id (`going` or `waitlist`), in one query."""
    if not signed_in(user) or not event_ids:
        return {}
    return dict(
        RSVP.objects.filter(user_id=user.pk, event_id__in=event_ids).values_list(
            "event_id", "status"
        )
    )


def attendees(event: Event) -> list[Any]:
    """The people going, in the order they answered (with their profiles)."""
    return [
        rsvp.user
        for rsvp in RSVP.objects.filter(event=event, status=RSVPStatus.GOING)
        .select_related("user")
        .order_by("created_at", "pk")
    ]


def sees_online_link(user: Any, event: Event, rsvp: RSVP | None, *, manages: bool) -> bool:
    """The link of an event with a limited capacity is for those going (and whoever runs it):
    shown to every reader it would let anyone in. Without a limit, every reader sees it."""
    if not event.online_url:
        return False
    if event.capacity is None or manages:
        return True
    return rsvp is not None and rsvp.status == RSVPStatus.GOING


def host_link(event: Event) -> tuple[str, str | None] | None:
    """The name of the event's host and its address (None without a host)."""
    host = event.host
    registration = host_of(host)
    if registration is None:
        return None
    return registration.label(host), registration.url(host)


@dataclass
class HostEvents:
    """What a host's page shows of its events: the upcoming ones with my answer to each,
    then the reports (the recent ones of a community, every past one of a challenge)."""

    upcoming: list[Event] = field(default_factory=list)
    reports: list[Event] = field(default_factory=list)
    can_create: bool = False
    host: Any = None
    new_event_url: str | None = None

    def __bool__(self) -> bool:
        return bool(self.upcoming or self.reports or self.can_create)


def host_events(
    user: Any,
    host: Any,
    *,
    limit: int = 5,
    reports_since: timedelta | None = RECENT_REPORTS,
    now: datetime | None = None,
) -> HostEvents:
    """The events of `host` for a host's page, in three queries whatever their number
    (none for a host this person may not read): upcoming ones soonest first with my answer,
    then reports newest first (of the last `reports_since`; None: all)."""
    now = now or timezone.now()
    registration = host_of(host)
    if registration is None or not registration.readable(user).filter(pk=host.pk).exists():
        return HostEvents(host=host)
    mine = Event.objects.filter(host_type=content_type(registration.model), host_id=host.pk)
    upcoming = list(
        with_renditions(mine, "cover_image", "card")
        .filter(ends_at__gt=now, cancelled_at__isnull=True)
        .order_by("starts_at", "pk")[:limit]
    )
    states = rsvp_states(user, [event.pk for event in upcoming])
    for event in upcoming:
        event.host = host
        # What the partial shows of each event, read here once.
        event.my_rsvp = states.get(event.pk, "")  # type: ignore[attr-defined]
        event.places_left = places_left(event)  # type: ignore[attr-defined]
    reported = mine.filter(reported_at__isnull=False)
    if reports_since is not None:
        reported = reported.filter(reported_at__gte=now - reports_since)
    reports = list(reported.order_by("-starts_at", "-pk")[:limit])
    for event in reports:
        event.host = host
    can_create = can_create_event(user, host)
    return HostEvents(
        upcoming=upcoming,
        reports=reports,
        can_create=can_create,
        host=host,
        new_event_url=registration.new_event_url(host) if can_create else None,
    )
