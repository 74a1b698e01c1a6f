"""Reads of the notification centre: my notices, unread counts, preferences, languages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet

from notifications.models import Cadence, Notification, Preference, PushSubscription
from notifications.targets import visible_target_ids
from notifications.unread import cached_count

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def notices_for(user: User) -> QuerySet[Notification]:
    """This person's notices, newest first (only their own, ever)."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def with_availability(user: User, notices: Iterable[Notification]) -> list[Notification]:
    """The notices, each with `available` set: False when it names something its reader may
    no longer see, whose text must then not be shown. One check per kind of target present,
    whatever the number of notices; notices without a target stay available."""
    notices = list(notices)
    wanted: dict[str, set[int]] = defaultdict(set)
    for notice in notices:
        if notice.target_kind and notice.target_id is not None:
            wanted[notice.target_kind].add(notice.target_id)
    visible = {kind: visible_target_ids(user, kind, ids) for kind, ids in wanted.items()}
    for notice in notices:
        seen = visible.get(notice.target_kind)
        notice.available = seen is None or notice.target_id in seen
    return notices


def unread_count(user: User | AnonymousUser | None) -> int:
    """One COUNT on the partial index of unread notices, kept in the cache until a notice of
    this person is posted, read or deleted (notifications/unread.py); 0 for anonymous visitors.

    Notices about something the reader may no longer see still count: the centre lists them,
    neutralised, and they can be marked read like the others."""
    if not getattr(user, "is_authenticated", False):
        return 0
    reader = cast("User", user)  # is_authenticated above
    unread = Notification.objects.filter(recipient=reader, read_at__isnull=True)
    return cached_count(reader.pk, unread.count)


def default_cadence() -> str:
    cadence: str = getattr(settings, "NOTIFICATIONS_DEFAULT_CADENCE", Cadence.WEEKLY)
    return cadence


def preference_for(user: User) -> Preference:
    """The saved preference, or an unsaved one holding the defaults."""
    found = Preference.objects.filter(user=user).first()
    return found or Preference(user=user, cadence=default_cadence(), language="", push=True)


def email_settings(user_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """(cadence, language) per user in one query; defaults for people without a row."""
    ids = set(user_ids)
    found = {
        user_id: (cadence, language or settings.LANGUAGE_CODE)
        for user_id, cadence, language in Preference.objects.filter(user_id__in=ids).values_list(
            "user_id", "cadence", "language"
        )
    }
    fallback = (default_cadence(), settings.LANGUAGE_CODE)
    return {user_id: found.get(user_id, fallback) for user_id in ids}


def email_language(user: User) -> str:
    """The language this person reads email in (their choice, else the site's)."""
    return email_settings([user.pk])[user.pk][1]


def push_enabled() -> bool:
    """Whether the site has a VAPID pair, without which nothing is pushed nor offered."""
    return bool(settings.WEBPUSH_VAPID_PRIVATE_KEY and settings.WEBPUSH_VAPID_PUBLIC_KEY)


def push_recipient_ids(user_ids: Iterable[int]) -> set[int]:
    """Of these people, the active ones who subscribed a browser and did not turn push off
    (people without a preference row have it on), in one query."""
    ids = set(user_ids)
    if not ids or not push_enabled():
        return set()
    turned_off = Preference.objects.filter(user_id=OuterRef("user_id"), push=False)
    return set(
        PushSubscription.objects.filter(user_id__in=ids, user__is_active=True)
        .exclude(Exists(turned_off))
        .values_list("user_id", flat=True)
        .distinct()
    )


def push_subscriptions_of(user: User) -> QuerySet[PushSubscription]:
    """The browsers this person receives pushes on, oldest first."""
    return PushSubscription.objects.filter(user=user).order_by("created_at", "pk")
