"""Emails of notices: each sent once, those the mail server refuses handed back for a retry.

Direction: `notifications.tasks` (the retry task) and `notifications.services` use this
module; it imports neither.
"""

from __future__ import annotations

import logging
import smtplib
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.delivery import deliver_once, notice_delivery_key
from core.outbox import retry_delay
from notifications.models import Cadence, Notification
from notifications.selectors import email_settings

logger = logging.getLogger(__name__)

# What a refused address, a mail server that is down or a broken connection raise.
MAIL_ERRORS = (smtplib.SMTPException, OSError)
EMAIL_ATTEMPTS = 6


def absolute_url(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def email_each(
    *,
    notice_ids: list[int],
    languages: dict[int, tuple[str, str]] | None = None,
    attempt: int = 1,
) -> tuple[int, list[int]]:
    """Email these notices, each in its own savepoint: the row is locked (a concurrent run
    skips it), the email sent, then `emailed_at` saved. Returns how many emails went, and the
    notices whose email failed.

    A send the mail server refuses, or a server that is down, fails only that notice: the
    others stay recorded even when the caller runs in one transaction (an outbox task).
    `languages` is `email_settings` of the recipients when the caller has it.
    """
    if not notice_ids:
        return 0, []
    if languages is None:
        recipients = Notification.objects.filter(pk__in=notice_ids).values_list(
            "recipient_id", flat=True
        )
        languages = email_settings(recipients)
    sent, failed = 0, []
    for notice_id in notice_ids:
        try:
            with transaction.atomic():
                notice = (
                    Notification.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(pk=notice_id, emailed_at__isnull=True)
                    .select_related("recipient")
                    .first()
                )
                if notice is None:
                    continue
                cadence, language = languages[notice.recipient_id]
                recipient = notice.recipient
                if (
                    recipient.email
                    and recipient.is_active
                    and cadence != Cadence.IN_APP
                    and deliver_once(
                        key=notice_delivery_key(notice.recipient_id, notice.key),
                        send=partial(_send_notice, notice, language),
                    )
                ):
                    sent += 1
                notice.emailed_at = timezone.now()
                notice.save(update_fields=["emailed_at"])
        except MAIL_ERRORS:
            logger.warning("Notice %s not emailed (attempt %s)", notice_id, attempt, exc_info=True)
            failed.append(notice_id)
    return sent, failed


def retry_later(task, *, attempt: int, **kwargs) -> bool:
    """Enqueue `task(**kwargs, attempt=attempt + 1)` after the back-off of `attempt`, for
    emails the mail server refused; False once `EMAIL_ATTEMPTS` are spent.

    For a task that sends several emails in one outbox run: it catches `MAIL_ERRORS` per
    email instead of raising (which would roll back the record of those already sent) and
    hands the rest to its next attempt, which skips what was sent."""
    if attempt >= EMAIL_ATTEMPTS:
        return False
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + retry_delay(attempt))
    task.enqueue(**kwargs, attempt=attempt + 1)
    return True


def _send_notice(notice: Notification, language: str) -> None:
    with translation.override(language):
        body = "{message}\n\n{url}\n\n-- \n{footer}\n{preferences}\n".format(
            message=notice.message,
            url=absolute_url(notice.url),
            footer=_("Choose how Ruche notifies you:"),
            preferences=absolute_url(reverse("notifications:preferences")),
        )
    send_mail(
        subject=f"[Ruche] {notice.message}"[:200],
        message=body,
        from_email=None,
        recipient_list=[notice.recipient.email],
    )
