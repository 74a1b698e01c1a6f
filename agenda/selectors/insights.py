"""Reads of the agenda for the insights app: who attended workshops and events.

Every function is a fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from agenda.models import RSVP, RSVPStatus


def event_attendee_ids(
    *, start: datetime, end: datetime, user_ids: Collection[int] | None = None
) -> set[int]:
    """People with a seat (going, not on the waiting list) at an event or workshop that took
    place in [start, end) and was not cancelled; only these people with `user_ids`."""
    seats = RSVP.objects.filter(
        status=RSVPStatus.GOING,
        event__starts_at__gte=start,
        event__starts_at__lt=end,
        event__cancelled_at__isnull=True,
    )
    if user_ids is not None:
        seats = seats.filter(user_id__in=list(user_ids))
    return set(seats.values_list("user_id", flat=True))
