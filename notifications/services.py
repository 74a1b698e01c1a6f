"""Writes of the notification centre: posting notices (and their immediate emails), reading
them, and saving preferences.

Direction: ideas, news and people call these services; this module imports none of them.
`notify` runs in background work (a task or a beat job), never in a request: it sends email.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from core.delivery import deliver_once, notice_delivery_key
from notifications.models import Cadence, Notification, Preference, PushSubscription
from notifications.selectors import email_settings, push_recipient_ids
from notifications.tasks import email_notices, push_pending_notices
from notifications.unread import forget_unread

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Message = str | Callable[[], str]
# Browsers one person may receive pushes on (each notice is pushed to all of them).
MAX_BROWSERS = 20


def _render(message: Message, language: str) -> str:
    with translation.override(language):
        return (message() if callable(message) else str(message))[:400]


def notify(
    *,
    recipient_ids: Iterable[int],
    key: str,
    message: Message,
    url: str = "",
    kind: str = "",
    immediate: bool = True,
    target: tuple[str, int] | None = None,
    push: bool | None = None,
) -> int:
    """Post one notice per recipient for the event `key`, and email and push the immediate
    ones.

    `message` may be a callable: it is rendered once per recipient language. `target` is
    `(kind, id)` of what the notice names, a kind registered in `notifications.targets`: the
    notice's text is shown only while its reader may still see that object. Idempotent:
    a notice exists once per (recipient, key), and its email is sent once, under a row lock,
    then recorded in `emailed_at` in the same transaction. Returns how many emails were sent.
    The caller has already kept only the recipients allowed to see what the notice names.

    `push` (default: `immediate`) pushes the notices to their readers' browsers, in a task
    that the outbox runs once this transaction commits (`enqueue_pushes`): for notices that
    are not emailed at once but have an email of their own (`email_once`), such as kudos.
    """
    preferences = email_settings(recipient_ids)
    if not preferences:
        return 0
    by_language: dict[str, list[int]] = defaultdict(list)
    for user_id, (_cadence, language) in preferences.items():
        by_language[language].append(user_id)
    target_kind, target_id = target or ("", None)
    notices = []
    for language, user_ids in sorted(by_language.items()):
        text = _render(message, language)
        notices += [
            Notification(
                recipient_id=user_id,
                key=key,
                kind=kind,
                message=text,
                url=url,
                immediate=immediate,
                target_kind=target_kind,
                target_id=target_id,
            )
            for user_id in sorted(user_ids)
        ]
    Notification.objects.bulk_create(notices, ignore_conflicts=True)
    forget_unread(preferences)
    if immediate if push is None else push:
        enqueue_pushes(key=key, recipient_ids=preferences)
    if not immediate:
        return 0
    emailed = [pk for pk, (cadence, _lang) in preferences.items() if cadence != Cadence.IN_APP]
    return send_immediate_emails(key=key, recipient_ids=emailed, languages=preferences)


def enqueue_pushes(*, key: str, recipient_ids: Iterable[int]) -> int:
    """Hand the notices of `key` not pushed yet, to those of these people who receive pushes,
    to the push task (`notifications.tasks.push_pending_notices`), stored with the caller's
    transaction: it runs once the notices are committed, and never if they are rolled back.
    One query when nobody of them subscribed a browser. Returns how many notices wait."""
    pushed = push_recipient_ids(recipient_ids)
    if not pushed:
        return 0
    notice_ids = list(
        Notification.objects.filter(key=key, recipient_id__in=pushed, pushed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if notice_ids:
        push_pending_notices.enqueue(notice_ids=notice_ids, attempt=1)
    return len(notice_ids)


def send_immediate_emails(
    *, key: str, recipient_ids: Iterable[int], languages: dict[int, tuple[str, str]]
) -> int:
    """Email the notices of `key` not emailed yet to these recipients (see
    `notifications.tasks.email_notices`)."""
    pending_ids = list(
        Notification.objects.filter(
            key=key, recipient_id__in=list(recipient_ids), emailed_at__isnull=True
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return email_notices(notice_ids=pending_ids, languages=languages)


def email_once(*, user: User, key: str, send: Callable[[str], None]) -> bool:
    """Send an app's own email for the notice `key` of `user`, at most once.

    For events whose email says more than the notice (kudos, a leadership answer). The notice
    row is locked and `emailed_at` saved in the same transaction as `send(language)`; nothing
    is sent to people who read in the app only; `deliver_once` keeps the email from going out
    again after a rollback of the caller. Returns whether the email went out. A refused
    send raises one of `notifications.emails.MAIL_ERRORS` and records nothing: a caller
    mailing several people in one task catches it and uses `notifications.emails.retry_later`.
    """
    cadence, language = email_settings([user.pk])[user.pk]
    if cadence == Cadence.IN_APP or not user.email or not user.is_active:
        return False
    with transaction.atomic():
        notice = (
            Notification.objects.select_for_update()
            .filter(recipient=user, key=key, emailed_at__isnull=True)
            .first()
        )
        if notice is None:
            return False
        with translation.override(language):
            sent = deliver_once(key=notice_delivery_key(user.pk, key), send=partial(send, language))
        notice.emailed_at = timezone.now()
        notice.save(update_fields=["emailed_at"])
    return sent


def mark_read(*, user: User, notification_id: int) -> bool:
    """Mark one of my notices read; False when it is not mine (or does not exist)."""
    found = Notification.objects.filter(pk=notification_id, recipient=user)
    if not found.exists():
        return False
    if found.filter(read_at__isnull=True).update(read_at=timezone.now()):
        forget_unread([user.pk])
    return True


def mark_all_read(*, user: User) -> int:
    """Mark every unread notice of mine read; returns how many changed."""
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if changed:
        forget_unread([user.pk])
    return changed


def save_preference(
    *, user: User, cadence: str, language: str = "", push: bool | None = None
) -> Preference:
    """Choose in-app only, a daily or a weekly digest, the language of the emails, and
    whether important events are pushed to my browsers (None: unchanged)."""
    if cadence not in Cadence.values:
        raise ValueError(cadence)
    if language and language not in dict(settings.LANGUAGES):
        raise ValueError(language)
    chosen: dict[str, object] = {"cadence": cadence, "language": language}
    if push is not None:
        chosen["push"] = push
    with transaction.atomic():
        preference, _created = Preference.objects.update_or_create(user=user, defaults=chosen)
    return preference


def subscribe_push(*, user: User, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Receive my pushes on this browser (the Push API's subscription, checked by the caller:
    `notifications.push.allowed_endpoint`). A browser is one subscription: subscribing it
    again, or from another account signed in on it, moves it to this person."""
    with transaction.atomic():
        subscription, _created = PushSubscription.objects.update_or_create(
            endpoint=endpoint,
            defaults={"user": user, "p256dh": p256dh, "auth": auth, "failure_count": 0},
        )
        # Each push goes to every browser: their number is bounded, the oldest go first.
        kept = PushSubscription.objects.filter(user=user).order_by("-created_at", "-pk")
        stale = list(kept.values_list("pk", flat=True)[MAX_BROWSERS:])
        if stale:
            PushSubscription.objects.filter(pk__in=stale).delete()
    return subscription


def unsubscribe_push(*, user: User, endpoint: str | Iterable[str]) -> bool:
    """Stop pushing to this browser of mine (or these); False when none was mine."""
    endpoints = [endpoint] if isinstance(endpoint, str) else list(endpoint)
    deleted, _by_model = PushSubscription.objects.filter(user=user, endpoint__in=endpoints).delete()
    return deleted > 0
