"""Background work of events (django-tasks through the outbox, and a Celery beat job).

Direction: `agenda.services` enqueue these tasks; they run the work of
`agenda.notifications`, which never imports the services.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django_tasks import task

from agenda import notifications as event_notifications
from notifications.emails import retry_later

logger = logging.getLogger(__name__)


@task()
def announce_event(event_id: int) -> int:
    """Tell the host's audience (a community's members) that an event is planned."""
    return event_notifications.announce(event_id)


@task()
def announce_event_cancelled(event_id: int) -> int:
    """Tell everyone who answered that the event is cancelled."""
    return event_notifications.announce_cancelled(event_id)


@task()
def confirm_place(rsvp_id: int, promoted: bool, attempt: int = 1) -> int:
    """Email someone given a place, with the `.ics` file, once; a refused email is retried
    later with back-off (the next attempt skips what was sent)."""
    sent, refused = event_notifications.confirm(rsvp_id, promoted)
    if refused and not retry_later(
        confirm_place, attempt=attempt, rsvp_id=rsvp_id, promoted=promoted
    ):
        logger.error("Event place %s not emailed after %s attempts", rsvp_id, attempt)
    return sent


@shared_task(name="communities.remind_event_participants")
def remind_event_participants() -> int:
    """Beat job: remind those going to events starting within a day; never twice."""
    return event_notifications.send_reminders()
