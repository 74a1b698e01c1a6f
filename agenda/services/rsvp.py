"""Answering an event: a place while there is one, else the waiting list, first come first
served; giving a place back lets the first one waiting in.

Exact under concurrency: every write locks the event row first (`select_for_update`), so
answers to one event are taken one after another; `going_count` and `waitlist_count` change
with F() expressions in the same transaction as the rows, and one RSVP per person and event
is a unique constraint of the database.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.conversations.errors import Conflict, NotFound
from agenda.models import RSVP, Event, RSVPStatus
from agenda.selectors.access import may_read
from agenda.tasks import confirm_place

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _check_open(locked: Event, now: datetime) -> None:
    if locked.cancelled_at is not None:
        raise Conflict(_("This event is cancelled."))
    if locked.starts_at <= now:
        raise Conflict(_("This event has already started."))


def rsvp(*, event: Event, user: User, now: datetime | None = None) -> RSVP:
    """Answer "I'm going": a place if one is free, else the end of the waiting list.

    Only readers of the event answer, before it starts. Answering again returns the answer
    already given. Someone given a place gets an email with the event's `.ics` file.
    """
    if not may_read(user, event):
        raise NotFound(_("Not found."))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            locked = _lock(event)
            _check_open(locked, now)
            existing = RSVP.objects.filter(event=locked, user=user).first()
            if existing is not None:
                return existing
            full = locked.capacity is not None and locked.going_count >= locked.capacity
            status = RSVPStatus.WAITLIST if full else RSVPStatus.GOING
            answer = RSVP.objects.create(event=locked, user=user, status=status)
            counter = "waitlist_count" if full else "going_count"
            Event.objects.filter(pk=locked.pk).update(**{counter: F(counter) + 1})
            if not full:
                confirm_place.enqueue(answer.pk, False)
            return answer
    except IntegrityError as twice:  # only without the lock (a raw insert): said already
        raise Conflict(_("You have already answered.")) from twice


def cancel_rsvp(*, event: Event, user: User, now: datetime | None = None) -> RSVP | None:
    """Withdraw my answer (idempotent) before the event starts. A place given back goes to
    the first on the waiting list, who is told; returns their RSVP, if any."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(event)
        answer = RSVP.objects.filter(event=locked, user=user).first()
        if answer is None:
            return None
        if locked.starts_at <= now:
            raise Conflict(_("This event has already started."))
        answer.delete()
        counter = "going_count" if answer.status == RSVPStatus.GOING else "waitlist_count"
        Event.objects.filter(pk=locked.pk).update(**{counter: F(counter) - 1})
        locked.refresh_from_db(fields=["going_count", "waitlist_count"])
        if locked.cancelled_at is not None:
            return None
        promoted = fill_free_places(locked)
    return promoted[0] if promoted else None


def fill_free_places(locked: Event) -> list[RSVP]:
    """Give the free places to the first ones waiting, in order; each is told. The caller
    holds the event's row lock and has its current counters."""
    if locked.capacity is None:
        free = locked.waitlist_count
    else:
        free = max(locked.capacity - locked.going_count, 0)
    if free <= 0 or locked.waitlist_count <= 0:
        return []
    waiting = list(
        RSVP.objects.filter(event=locked, status=RSVPStatus.WAITLIST).order_by("created_at", "pk")[
            :free
        ]
    )
    if not waiting:
        return []
    RSVP.objects.filter(pk__in=[answer.pk for answer in waiting]).update(status=RSVPStatus.GOING)
    Event.objects.filter(pk=locked.pk).update(
        going_count=F("going_count") + len(waiting),
        waitlist_count=F("waitlist_count") - len(waiting),
    )
    locked.refresh_from_db(fields=["going_count", "waitlist_count"])
    for answer in waiting:
        answer.status = RSVPStatus.GOING
        confirm_place.enqueue(answer.pk, True)
    return waiting
