"""Who hears about an event and what they read; the work of `agenda.tasks`.

- a new event of a host: a notice to its audience (a community's members; no email: the
  notice waits for their digest, as their preferences say);
- a place given (at once, or from the waiting list): a notice and an email with the event's
  `.ics` file, once, in the person's language (French unless they chose otherwise);
- the day before: a reminder to those going (emailed unless they read in the app only), and
  a notice to those still waiting;
- a cancelled event: a notice, emailed, to everyone who answered.

Nothing reaches someone who may no longer read the event (`selectors.access.still_readers`).
Notices name the target kind `communities.event` and keep their keys (`communities:event-…`)
from before the events app: a notice or an email sent then is never sent again.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from email import encoders
from email.mime.base import MIMEBase
from functools import partial

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.hosts import host_of
from agenda.ics import event_calendar
from agenda.models import RSVP, Event, RSVPStatus
from agenda.selectors.access import still_readers
from core.formats import local_date
from notifications.emails import MAIL_ERRORS, absolute_url
from notifications.services import email_once, notify

logger = logging.getLogger(__name__)

REMINDER_WINDOW = timedelta(hours=24)
KIND = "event"
# The notification target of events (registered in agenda/apps.py); its name predates the
# events app and stays, as notices already stored name it.
TARGET_KIND = "communities.event"


def _target(event: Event) -> tuple[str, int]:
    return (TARGET_KIND, event.pk)


def _when(event: Event) -> str:
    return local_date(event.starts_at, "DATETIME_FORMAT")


def _where(event: Event) -> str:
    return event.place or _("online")


def _event(event_id: int) -> Event | None:
    return Event.objects.prefetch_related("host").filter(pk=event_id).first()


def announce(event_id: int) -> int:
    """Tell the host's audience (a community's members) that it is planned (digest, no
    email)."""
    event = _event(event_id)
    if event is None or event.cancelled_at is not None:
        return 0
    host = event.host
    registration = host_of(host)
    if registration is None:
        return 0
    recipients = still_readers(event, registration.audience(host) - {event.organiser_id})
    if not recipients:
        return 0
    community = registration.label(host)
    notify(
        recipient_ids=recipients,
        key=f"communities:event-new:{event.pk}",
        kind=KIND,
        message=lambda: (
            _("New event in “%(community)s”: %(title)s, %(when)s")
            % {"community": community, "title": event.title, "when": _when(event)}
        ),
        url=event.get_absolute_url(),
        immediate=False,
        target=_target(event),
    )
    return len(recipients)


def announce_cancelled(event_id: int) -> int:
    """Tell everyone who answered that the event is cancelled; returns the emails sent."""
    event = _event(event_id)
    if event is None:
        return 0
    answered = set(RSVP.objects.filter(event=event).values_list("user_id", flat=True))
    recipients = still_readers(event, answered)
    if not recipients:
        return 0
    return notify(
        recipient_ids=recipients,
        key=f"communities:event-cancelled:{event.pk}",
        kind=KIND,
        message=lambda: (
            _("Cancelled: “%(title)s”, %(when)s") % {"title": event.title, "when": _when(event)}
        ),
        url=event.get_absolute_url(),
        target=_target(event),
    )


def _place_message(event: Event, promoted: bool) -> str:
    if promoted:
        return _("A place freed up: you are going to “%(title)s”, %(when)s") % {
            "title": event.title,
            "when": _when(event),
        }
    return _("You are going to “%(title)s”, %(when)s") % {
        "title": event.title,
        "when": _when(event),
    }


def calendar_attachment(event: Event, *, show_online_link: bool) -> MIMEBase:
    """The `.ics` file as a MIME part, in base64 so that its CRLF line ends arrive as
    written."""
    text = event_calendar(
        event, url=absolute_url(event.get_absolute_url()), show_online_link=show_online_link
    )
    part = MIMEBase("text", "calendar", method="PUBLISH", charset="utf-8", name="event.ics")
    part.set_payload(text.encode("utf-8"))
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename="event.ics")
    return part


def _send_place(event: Event, user, promoted: bool, language: str) -> None:
    """The email with the `.ics` file, in the recipient's language (set by `email_once`)."""
    lines = [
        _("Hello,"),
        "",
        _place_message(event, promoted),
        _("Where: %(where)s") % {"where": _where(event)},
    ]
    if event.online_url:
        lines.append(_("Online link: %(url)s") % {"url": event.online_url})
    lines += [
        "",
        _("The event's page (to give your place back if you cannot come):"),
        absolute_url(event.get_absolute_url()),
        "",
        _("The attached file adds the event to your calendar."),
    ]
    message = EmailMessage(
        subject=f"[Ruche] {_place_message(event, promoted)}"[:200],
        body="\n".join(lines) + "\n",
        to=[user.email],
    )
    message.attach(calendar_attachment(event, show_online_link=True))
    message.send()


def confirm(rsvp_id: int, promoted: bool) -> tuple[int, bool]:
    """Notice and email to someone given a place; (emails sent, refused by the server).

    Idempotent: the notice's key names the RSVP, and `email_once` records the email in the
    same transaction as the sending. A place given back since, or an event one may no longer
    read, sends nothing."""
    answer = (
        RSVP.objects.select_related("event", "user")
        .prefetch_related("event__host")
        .filter(pk=rsvp_id)
        .first()
    )
    if answer is None or answer.status != RSVPStatus.GOING:
        return 0, False
    event, user = answer.event, answer.user
    if event.cancelled_at is not None or not still_readers(event, {user.pk}):
        return 0, False
    key = f"communities:event-place:{answer.pk}"
    notify(
        recipient_ids=[user.pk],
        key=key,
        kind=KIND,
        message=partial(_place_message, event, promoted),
        url=event.get_absolute_url(),
        immediate=False,
        target=_target(event),
    )
    try:
        sent = email_once(user=user, key=key, send=partial(_send_place, event, user, promoted))
    except IntegrityError:
        return 0, False
    except MAIL_ERRORS:
        logger.warning("Event place %s not emailed", answer.pk, exc_info=True)
        return 0, True
    return int(sent), False


def _reminder_message(event: Event) -> str:
    return _("Reminder: “%(title)s”, %(when)s, %(where)s") % {
        "title": event.title,
        "when": _when(event),
        "where": _where(event),
    }


def _still_waiting_message(event: Event, position: int) -> str:
    return _("“%(title)s” is tomorrow: you are still number %(position)s on the waiting list") % {
        "title": event.title,
        "position": position,
    }


def send_reminders(now: datetime | None = None) -> int:
    """Remind those going to events starting within a day, once per event and start time.

    Each due event's row is locked (a second worker skips it) and `reminded_at` saved in the
    same transaction as the notices, whose keys name the start time: two runs, or two workers
    at once, never send a reminder twice. Those waiting are told they are still waiting, in
    the app only. Returns the emails sent.
    """
    now = now or timezone.now()
    sent = 0
    due_ids = list(
        Event.objects.filter(
            reminded_at__isnull=True,
            cancelled_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + REMINDER_WINDOW,
        ).values_list("pk", flat=True)
    )
    for event_id in due_ids:
        with transaction.atomic():
            event = (
                Event.objects.select_for_update(skip_locked=True, of=("self",))
                .prefetch_related("host")
                .filter(pk=event_id, reminded_at__isnull=True, cancelled_at__isnull=True)
                .first()
            )
            if event is None:
                continue  # another worker has it, or it was reminded meanwhile
            sent += _remind(event)
            event.reminded_at = now
            event.save(update_fields=["reminded_at"])
    return sent


def _remind(event: Event) -> int:
    stamp = int(event.starts_at.timestamp())
    answers = list(
        RSVP.objects.filter(event=event)
        .order_by("created_at", "pk")
        .values_list("user_id", "status")
    )
    readers = still_readers(event, {user_id for user_id, _status in answers})
    going = [user_id for user_id, status in answers if status == RSVPStatus.GOING]
    waiting = [user_id for user_id, status in answers if status == RSVPStatus.WAITLIST]
    sent = notify(
        recipient_ids=[user_id for user_id in going if user_id in readers],
        key=f"communities:event-reminder:{event.pk}:{stamp}",
        kind=KIND,
        message=partial(_reminder_message, event),
        url=event.get_absolute_url(),
        target=_target(event),
    )
    for position, user_id in enumerate(waiting, start=1):
        if user_id in readers:
            notify(
                recipient_ids=[user_id],
                key=f"communities:event-waiting:{event.pk}:{stamp}",
                kind=KIND,
                message=partial(_still_waiting_message, event, position),
                url=event.get_absolute_url(),
                immediate=False,
                target=_target(event),
            )
    return sent
