"""Reads about events: who may open, run and create them, the lists, each reader's answer.

Every rule about reading goes through `access.events_readable_by`; this module only adds what
an event's page, list, partial, email and API need, in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from communities.models import RSVP, Community, Event, Membership, Role, RSVPStatus

from .access import can_animate, communities_readable_by, events_readable_by, reader_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# How long a report stays in a community's "recent reports".
RECENT_REPORTS = timedelta(days=90)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def event_for(user: Any, event_id: int) -> Event | None:
    """The event if this person may read it (its community loaded), else None."""
    return (
        events_readable_by(user)
        .select_related("community", "organiser")
        .filter(pk=event_id)
        .first()
    )


def upcoming_events(user: Any, *, now: datetime | None = None) -> QuerySet[Event]:
    """Events not over yet and not cancelled that this person may read, soonest first."""
    now = now or timezone.now()
    return (
        events_readable_by(user)
        .filter(ends_at__gt=now, cancelled_at__isnull=True)
        .select_related("community")
        .order_by("starts_at", "pk")
    )


def can_create_event(user: Any, community: Community | None) -> bool:
    """Animators create their community's events; events of no community are for
    administrators and whoever holds the `communities.add_event` permission."""
    if not _signed_in(user):
        return False
    if community is None:
        return bool(user.is_superuser or user.has_perm("communities.add_event"))
    return can_animate(user, community)


def can_manage_event(user: Any, event: Event) -> bool:
    """Who edits, cancels and reports on an event: its organiser (while they may still read
    it), the animators of its community, and those who may create events of no community."""
    if not _signed_in(user):
        return False
    if event.organiser_id == user.pk and events_readable_by(user).filter(pk=event.pk).exists():
        return True
    return can_create_event(user, event.community)


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
    if not _signed_in(user):
        return None
    return RSVP.objects.filter(event=event, user_id=user.pk).first()


def rsvp_states(user: Any, event_ids: list[int]) -> dict[int, str]:
    """This person's answer per event id (`going` or `waitlist`), in one query."""
    if not _signed_in(user) or not event_ids:
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


def still_readers(event: Event, user_ids: set[int]) -> set[int]:
    """Of these people, those who may still read the event (for notices and emails)."""
    if not user_ids:
        return set()
    people = get_user_model()
    active = set(
        people.objects.filter(pk__in=user_ids, is_active=True).values_list("pk", flat=True)
    )
    if event.community_id is None:
        return active
    community = event.community
    readers = reader_ids(community) if community is not None else None
    if readers is None:
        return active
    admins = set(
        people.objects.filter(pk__in=active, is_superuser=True).values_list("pk", flat=True)
    )
    return (active & set(readers.filter(user_id__in=active))) | admins


def member_ids(community: Community) -> set[int]:
    return set(Membership.objects.filter(community=community).values_list("user_id", flat=True))


def animator_ids(community: Community) -> set[int]:
    return set(
        Membership.objects.filter(community=community, role=Role.ANIMATOR).values_list(
            "user_id", flat=True
        )
    )


def event_ids_visible_to(user: User, ids: set[int]) -> set[int]:
    """For the notification centre: the events of these ids this person may still read."""
    return set(events_readable_by(user).filter(pk__in=ids).values_list("pk", flat=True))


@dataclass
class CommunityEvents:
    """What a community page shows of its events: the upcoming ones with my answer to
    each, then the recent reports."""

    upcoming: list[Event] = field(default_factory=list)
    reports: list[Event] = field(default_factory=list)
    can_create: bool = False
    community: Community | None = None

    def __bool__(self) -> bool:
        return bool(self.upcoming or self.reports or self.can_create)


def community_events(
    user: Any, community: Community, *, limit: int = 5, now: datetime | None = None
) -> CommunityEvents:
    """The context `events` of `communities/includes/community_events.html`, in three
    queries whatever the number of events (none for a community this person may not read)."""
    now = now or timezone.now()
    if not communities_readable_by(user).filter(pk=community.pk).exists():
        return CommunityEvents(community=community)
    mine = Event.objects.filter(community=community)
    upcoming = list(
        mine.filter(ends_at__gt=now, cancelled_at__isnull=True).order_by("starts_at", "pk")[:limit]
    )
    states = rsvp_states(user, [event.pk for event in upcoming])
    for event in upcoming:
        event.community = community
        # What the partial shows of each event, read here once.
        event.my_rsvp = states.get(event.pk, "")  # type: ignore[attr-defined]
        event.places_left = places_left(event)  # type: ignore[attr-defined]
    reports = list(
        mine.filter(reported_at__isnull=False, reported_at__gte=now - RECENT_REPORTS).order_by(
            "-starts_at", "-pk"
        )[:limit]
    )
    for event in reports:
        event.community = community
    return CommunityEvents(
        upcoming=upcoming,
        reports=reports,
        can_create=can_create_event(user, community),
        community=community,
    )
