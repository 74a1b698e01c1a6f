"""Web Push of notices: each immediate notice pushed once to every browser its reader
subscribed, those a push service could not take handed back for a retry.

What a push says is what the notice shows in the app, no more: "Ruche", the notice's message
(already in its reader's language) and its link, and nothing at all for a notice about
something its reader may no longer see. The payload is encrypted to the browser's keys
(aes128gcm) and signed with the site's VAPID key (pywebpush does both).

Direction: `notifications.tasks` (the push task and its retry) uses this module; it imports
neither it nor `notifications.services`.
"""

from __future__ import annotations

import binascii
import json
import logging
import re
from collections import defaultdict
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from pywebpush import WebPushException, webpush

from core.delivery import deliver_once
from notifications.emails import absolute_url
from notifications.models import Notification, PushSubscription
from notifications.selectors import push_recipient_ids, with_availability
from notifications.vapid import b64url_decode

logger = logging.getLogger(__name__)

# What a push service that refuses a push, is down or does not answer in time raises.
PUSH_ERRORS = (WebPushException, requests.RequestException)
# The push service's way of saying that the browser dropped this subscription.
GONE = frozenset({404, 410})
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
TITLE = "Ruche"


def allowed_endpoint(url: str) -> bool:
    """Whether Ruche may post to this push endpoint: an HTTPS URL on one of the push services
    of `WEBPUSH_ENDPOINT_HOSTS` (a loopback host listed there may use plain HTTP: the test
    suite's push service)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if not host or parts.username or parts.password:
        return False
    listed = any(
        host == allowed or (allowed.startswith(".") and host.endswith(allowed))
        for allowed in (entry.lower() for entry in settings.WEBPUSH_ENDPOINT_HOSTS)
    )
    if not listed:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and host in LOOPBACK)


def endpoint_pattern() -> str:
    """`allowed_endpoint` as a regular expression, for the API's schema: what it describes
    is what the API accepts (ECMAScript and Python alike)."""
    hosts = []
    for entry in (entry.lower() for entry in settings.WEBPUSH_ENDPOINT_HOSTS):
        name = re.escape(entry.lstrip(".")).replace("\\-", "-")
        https = f"https://{'([a-z0-9-]+[.])+' if entry.startswith('.') else ''}{name}"
        hosts.append(https)
        if entry in LOOPBACK:
            hosts.append(f"http://{name}")
    return f"^({'|'.join(hosts)})(:[0-9]{{1,5}})?/[^\\s]*$"


def browser_keys_valid(p256dh: str, auth: str) -> bool:
    """Whether these are a browser's keys: a point of P-256 and a 16-byte secret."""
    try:
        point = b64url_decode(p256dh.strip())
        secret = b64url_decode(auth.strip())
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except (binascii.Error, ValueError):
        return False
    return len(secret) == 16


def payload(notice: Notification) -> dict[str, str]:
    """What the browser shows: the title, the notice's text and where a click leads."""
    return {
        "title": TITLE,
        "body": notice.message,
        "url": absolute_url(notice.url or "/notifications/"),
        "tag": f"ruche-notice-{notice.pk}",
    }


def push_delivery_key(subscription: PushSubscription, notice: Notification) -> str:
    """The delivery key of one notice on one browser: the same for every run."""
    return f"notice-push:{subscription.pk}:{notice.recipient_id}:{notice.key}"[:255]


def send_push(subscription: PushSubscription, data: str) -> None:
    """Encrypt `data` to the browser and post it to its push service, signed with the VAPID
    key; raises one of `PUSH_ERRORS` when the push service does not accept it."""
    session = requests.Session()
    session.max_redirects = 0  # the endpoint was checked; where it redirects was not
    with session:
        webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=data,
            vapid_private_key=settings.WEBPUSH_VAPID_PRIVATE_KEY,
            vapid_claims={"sub": settings.WEBPUSH_VAPID_SUBJECT},
            ttl=settings.WEBPUSH_TTL,
            timeout=settings.WEBPUSH_TIMEOUT,
            headers={"Urgency": "normal"},
            requests_session=session,
        )


def _status(error: Exception) -> int | None:
    response: Any = getattr(error, "response", None)
    return getattr(response, "status_code", None)


def _push_to(subscription: PushSubscription, notice: Notification, data: str) -> str:
    """Push one notice to one browser once: "sent", "done" (sent by an earlier run), "gone"
    (the browser dropped it: its subscription is deleted) or "failed" (to try again later)."""
    if not allowed_endpoint(subscription.endpoint) or not browser_keys_valid(
        subscription.p256dh, subscription.auth
    ):
        logger.warning("Push subscription %s cannot be pushed to: dropped", subscription.pk)
        subscription.delete()
        return "gone"
    try:
        went = deliver_once(
            key=push_delivery_key(subscription, notice),
            send=partial(send_push, subscription, data),
        )
    except PUSH_ERRORS as error:
        if _status(error) in GONE:
            logger.info("Push subscription %s is gone: deleted", subscription.pk)
            subscription.delete()
            return "gone"
        logger.warning("Notice %s not pushed to %s", notice.pk, subscription.pk, exc_info=True)
        PushSubscription.objects.filter(pk=subscription.pk).update(
            failure_count=F("failure_count") + 1
        )
        return "failed"
    PushSubscription.objects.filter(pk=subscription.pk).update(
        last_success_at=timezone.now(), failure_count=0
    )
    return "sent" if went else "done"


def push_each(*, notice_ids: list[int], attempt: int = 1) -> tuple[int, list[int]]:
    """Push these notices, each in its own savepoint under a row lock (a concurrent run skips
    it); `pushed_at` is saved once every browser of its reader took it. Returns how many
    pushes went and the notices some browser must still get.

    A push service that refuses, is down or times out fails only that notice on that browser:
    the others stay recorded, and `core.delivery` keeps a retry from pushing twice what went.
    """
    if not notice_ids:
        return 0, []
    recipients = set(
        Notification.objects.filter(pk__in=notice_ids).values_list("recipient_id", flat=True)
    )
    wanted = push_recipient_ids(recipients)
    browsers: dict[int, list[PushSubscription]] = defaultdict(list)
    for subscription in PushSubscription.objects.filter(user_id__in=wanted).order_by("pk"):
        browsers[subscription.user_id].append(subscription)
    sent, failed = 0, []
    for notice_id in notice_ids:
        with transaction.atomic():
            notice = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=notice_id, pushed_at__isnull=True)
                .select_related("recipient")
                .first()
            )
            if notice is None:
                continue
            targets = browsers.get(notice.recipient_id, [])
            if targets and with_availability(notice.recipient, [notice])[0].available:
                data = json.dumps(payload(notice), ensure_ascii=False)
                outcomes = [(each, _push_to(each, notice, data)) for each in targets]
                targets[:] = [each for each, outcome in outcomes if outcome != "gone"]
                sent += sum(outcome == "sent" for _each, outcome in outcomes)
                if any(outcome == "failed" for _each, outcome in outcomes):
                    failed.append(notice_id)
                    logger.info("Notice %s to be pushed again (attempt %s)", notice_id, attempt)
                    continue
            notice.pushed_at = timezone.now()
            notice.save(update_fields=["pushed_at"])
    return sent, failed
