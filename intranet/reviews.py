"""Information pages past their review date: which are stale, and reminding their owners.

A page's owner is reminded once per overdue period (page and review date): the reminder is
recorded under a unique constraint before its notice is enqueued in the same transaction, so a
second worker running the beat job at the same moment, a re-run or a retried task sends
nothing more. Setting a new review date starts a new period, reminded in its turn once it
passes. The notice goes through the notification centre (`notifications.services.notify`),
in the owner's language, and links to the page's editor.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.formats import local_date
from intranet.models import ReviewReminder, StandardPage
from notifications.services import notify

TARGET_KIND = "intranet.page"


def stale_pages(today: date | None = None) -> QuerySet[StandardPage]:
    """Live information pages whose review date has passed, the longest overdue first."""
    today = today or timezone.localdate()
    return (
        StandardPage.objects.live()
        .filter(review_date__lt=today)
        .select_related("content_owner")
        .order_by("review_date", "pk")
    )


def send_reminder(reminder_id: int) -> None:
    """Post one recorded reminder to the owner's notification centre, unless the page has been
    reviewed since (a new date), is no longer live or has changed hands."""
    reminder = ReviewReminder.objects.select_related("page", "owner").filter(pk=reminder_id).first()
    if reminder is None or reminder.owner is None or not reminder.owner.is_active:
        return
    page = reminder.page
    if (
        not page.live
        or page.review_date != reminder.review_date
        or page.content_owner_id != reminder.owner_id
    ):
        return
    notify(
        recipient_ids=[reminder.owner.pk],
        key=f"intranet:review:{page.pk}:{reminder.review_date.isoformat()}",
        kind="review",
        message=partial(_review_message, page.title, reminder.review_date),
        url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        immediate=True,
        target=(TARGET_KIND, page.pk),
    )


def _review_message(title: str, review_date: date) -> str:
    return _(
        "“%(title)s” was due for review on %(date)s: check that it is still right, "
        "then set its next review date."
    ) % {"title": title, "date": local_date(review_date)}


def page_ids_owned_by(user: User | AnonymousUser, ids: set[int]) -> set[int]:
    """Of these information pages, those that still exist and that `user` owns."""
    if not user.is_authenticated:
        return set()
    return set(
        StandardPage.objects.filter(pk__in=ids, content_owner=user).values_list("pk", flat=True)
    )
