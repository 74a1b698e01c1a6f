"""Writes for must-read acknowledgements and their reminders."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from news.models import Acknowledgement, MustReadReminder, NewsPage, ReminderStage

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REMIND_DAYS_BEFORE_DUE = 2


def acknowledge_must_read(*, user: User, page: NewsPage) -> tuple[Acknowledgement, bool]:
    """Record that the user has read a must-read; a second (or concurrent) call changes nothing.

    Returns the acknowledgement and whether this call created it.
    """
    if not page.must_read:
        raise ValidationError(_("This news item does not need an acknowledgement."))
    with transaction.atomic():
        return Acknowledgement.objects.get_or_create(page=page, user=user)


def reminder_stage(page: NewsPage, today: date) -> str | None:
    if not page.must_read or page.must_read_due is None:
        return None
    if today > page.must_read_due:
        return ReminderStage.OVERDUE
    if today >= page.must_read_due - timedelta(days=REMIND_DAYS_BEFORE_DUE):
        return ReminderStage.DUE_SOON
    return None


def send_due_reminders(*, today: date | None = None) -> int:
    """Remind everyone addressed who has not acknowledged a must-read that is due soon or late.

    Each (page, person, stage) is recorded under a unique constraint before its notice is
    enqueued in the same transaction, so a re-run or a retried job never sends it twice.
    Returns the number of reminders recorded by this call.
    """
    from news.selectors import addressed_users
    from news.tasks import send_must_read_reminder

    today = today or timezone.localdate()
    sent = 0
    pages = NewsPage.objects.live().filter(must_read=True, must_read_due__isnull=False)
    for page in pages:
        stage = reminder_stage(page, today)
        if stage is None:
            continue
        already = MustReadReminder.objects.filter(page=page, stage=stage).values("user_id")
        acknowledged = Acknowledgement.objects.filter(page=page).values("user_id")
        users = (
            addressed_users(page)
            .exclude(pk__in=acknowledged)
            .exclude(pk__in=already)
            .values_list("pk", flat=True)
        )
        for user_id in users:
            with transaction.atomic():
                reminder, created = MustReadReminder.objects.get_or_create(
                    page=page, user_id=user_id, stage=stage
                )
                if created:
                    send_must_read_reminder.enqueue(reminder.pk)
                    sent += 1
    return sent
