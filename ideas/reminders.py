"""Reminders to workshop participants, the day before: the beat job of `ideas.tasks`."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.formats import local_date
from ideas.models import Workshop, WorkshopRegistration
from ideas.selectors import users_in_audience
from notifications.services import notify

REMINDER_WINDOW = timedelta(hours=24)


def send_workshop_reminders(now: datetime | None = None) -> int:
    """Remind participants of workshops starting within a day, once each (idempotent).

    The reminder is a notice of the notification centre, emailed at once unless the person
    reads in the app only; `reminded_at` and the notice's key both keep it to one.
    """
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = (
            WorkshopRegistration.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                reminded_at__isnull=True,
                workshop__starts_at__gt=now,
                workshop__starts_at__lte=now + REMINDER_WINDOW,
            )
            .select_related("workshop__challenge")
        )
        for registration in due:
            workshop = registration.workshop
            if registration.user_id in users_in_audience(
                workshop.challenge, [registration.user_id]
            ):
                sent += notify(
                    recipient_ids=[registration.user_id],
                    key=f"ideas:workshop-reminder:{registration.pk}",
                    kind="workshop",
                    message=partial(_reminder_message, workshop),
                    url=reverse("ideas:workshops", args=[workshop.challenge_id]),
                    target=("ideas.challenge", workshop.challenge_id),
                )
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
    return sent


def _reminder_message(workshop: Workshop) -> str:
    when = local_date(workshop.starts_at, "DATETIME_FORMAT")
    return _("Reminder: workshop “%(title)s”, %(when)s, %(where)s") % {
        "title": workshop.title,
        "when": when,
        "where": workshop.place or workshop.link,
    }
