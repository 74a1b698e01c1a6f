"""Builders for the notification tests: notices, preferences and dated content."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from wagtail.models import Page

from notifications.models import Notification
from notifications.services import save_preference


def notice(recipient, *, key: str | None = None, message: str = "Une nouvelle", **fields):
    fields.setdefault("url", "/ideas/")
    fields.setdefault("created_at", timezone.now())
    key = key or f"test:{Notification.objects.count() + 1}"
    return Notification.objects.create(recipient=recipient, key=key, message=message, **fields)


def prefers(user, cadence: str, language: str = "") -> None:
    save_preference(user=user, cadence=cadence, language=language)


def published_at(page: Page, moment: datetime) -> Page:
    """Date a published page as if it had gone out at `moment`."""
    Page.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)
    page.refresh_from_db()
    return page


def midweek_noon() -> datetime:
    """Wednesday noon (local time) of this week: far from the day and week boundaries that
    start a new digest or nudge period, so a test can move an hour or a day and stay put."""
    today = timezone.localdate()
    wednesday = today - timedelta(days=today.weekday() - 2)
    return timezone.make_aware(datetime.combine(wednesday, time(12)))
