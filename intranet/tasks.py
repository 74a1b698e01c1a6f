"""Background work of the site: reminding information pages' owners to review them
(intranet/reviews.py)."""

from datetime import date

from celery import shared_task
from django.db import transaction
from django_tasks import task

from intranet.models import ReviewReminder
from intranet.reviews import send_reminder, stale_pages


@task()
def send_review_reminder(reminder_id: int) -> None:
    """Post one recorded review reminder (run once by the outbox; a retry posts nothing new)."""
    send_reminder(reminder_id)


@shared_task(name="intranet.remind_page_owners")
def remind_page_owners() -> int:
    """Beat job: remind the owners of pages past their review date; safe to re-run."""
    return len(record_due_reminders())


def record_due_reminders(*, today: date | None = None) -> list[int]:
    """Record a reminder for each stale page with an active owner not yet reminded for this
    review date, and enqueue its notice in the same transaction; the ids recorded by this call.

    Two workers running this at once both try to insert the same (page, review date): the
    unique constraint lets one through, the other finds the row and enqueues nothing.
    """
    recorded = []
    pages = stale_pages(today).filter(content_owner__is_active=True)
    for page in pages:
        with transaction.atomic():
            reminder, created = ReviewReminder.objects.get_or_create(
                page=page,
                review_date=page.review_date,
                defaults={"owner_id": page.content_owner_id},
            )
            if created:
                send_review_reminder.enqueue(reminder.pk)
                recorded.append(reminder.pk)
    return recorded
