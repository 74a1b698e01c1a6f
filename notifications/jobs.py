"""Scheduled sends: digests and nudges, each claimed so that it goes out once.

Run by the beat jobs in `notifications.tasks`; they may be retried, run twice at once or
redelivered: the claim (a `DigestRun` row, or a notice's unique key) decides. The nudges are
the apps' own (`core.nudges`), registered from their `AppConfig.ready()`.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.guests import guest_related
from core.nudges import registered_nudges
from notifications.digests import RunFacts, build_digest, run_facts, window_for
from notifications.emails import absolute_url
from notifications.models import Cadence, DigestRun, Preference
from notifications.selectors import default_cadence, email_language

logger = logging.getLogger(__name__)

DIGEST_KINDS = (Cadence.DAILY, Cadence.WEEKLY)


def digest_readers(kind: str):
    """Active people with an email address whose preference is this digest kind (with what
    tells a guest, whose digest is smaller, at no extra query: `core.guests`)."""
    chosen = Preference.objects.filter(user=OuterRef("pk")).values("cadence")[:1]
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .select_related(*guest_related())
        .exclude(email="")
        .annotate(digest_cadence=Coalesce(Subquery(chosen), Value(default_cadence())))
        .filter(digest_cadence=kind)
        .order_by("pk")
    )


def unclaimed_reader_ids(kind: str, now: datetime) -> list[int]:
    """Readers of this kind whose digest for the period of `now` has not gone out yet."""
    period = window_for(kind, now).period
    claimed = DigestRun.objects.filter(kind=kind, period=period, user=OuterRef("pk"))
    return list(digest_readers(kind).exclude(Exists(claimed)).values_list("pk", flat=True))


def send_digests(kind: str, now: datetime | None = None, user_ids: list[int] | None = None) -> int:
    """Send this period's digest of `kind` to everyone who chose it (or to those of
    `user_ids` who did); returns how many went."""
    if kind not in DIGEST_KINDS:
        raise ValueError(kind)
    window = window_for(kind, now or timezone.now())
    readers = digest_readers(kind).exclude(
        Exists(DigestRun.objects.filter(kind=kind, period=window.period, user=OuterRef("pk")))
    )
    if user_ids is not None:
        readers = readers.filter(pk__in=user_ids)
    facts = run_facts(window)
    sent, failed = 0, []
    for user in readers.iterator(chunk_size=500):
        try:
            sent += send_digest(user=user, window=window, facts=facts)
        except Exception:  # noqa: BLE001 - one bad address or mail outage must not stop the rest
            logger.exception("Digest %s %s for user %s failed", kind, window.period, user.pk)
            failed.append(user.pk)
    if failed:
        # The task is retried: what was sent is claimed, only the failed ones go again.
        raise DigestsFailed(f"{len(failed)} {kind} digests failed (users {failed[:20]})")
    return sent


class DigestsFailed(RuntimeError):
    pass


def send_digest(*, user, window, facts: RunFacts | None = None) -> bool:
    """Build, claim and send one digest. The claim row is inserted in the same transaction as
    the send: a concurrent run waits on it and then finds it taken; a failed send rolls it
    back, so the retry sends. Empty digests are neither claimed nor sent."""
    language = email_language(user)
    with translation.override(language):
        digest = build_digest(user, window, facts)
        if digest.is_empty:
            return False
        try:
            with transaction.atomic():
                DigestRun.objects.create(
                    user=user, kind=window.kind, period=window.period, items=digest.count
                )
                _send_digest_email(user, window, digest)
        except IntegrityError:
            return False
    return True


def _send_digest_email(user, window, digest) -> None:
    if window.kind == Cadence.DAILY:
        title = _("Your daily Ruche digest")
    else:
        title = _("Your weekly Ruche digest")
    context = {
        "title": title,
        "user": user,
        "digest": digest,
        "preferences_url": absolute_url(reverse("notifications:preferences")),
        "centre_url": absolute_url(reverse("notifications:list")),
        "language": translation.get_language(),
    }
    message = EmailMultiAlternatives(
        subject=f"[Ruche] {title}",
        body=render_to_string("notifications/email/digest.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("notifications/email/digest.html", context), "text/html"
    )
    message.send()


def send_nudges(now: datetime | None = None) -> int:
    """Run every nudge the apps registered (`core.nudges`); returns how many emails went."""
    now = now or timezone.now()
    return sum(nudge.send(now) for nudge in registered_nudges())
