"""The push subscriptions API under /api/notifications/: a browser's Push API subscription
given to Ruche (the preferences page's script, frontend/static/frontend/js/push.js), or
taken back. For the signed-in person only, their own browsers only.

Mounted in `intranet/urls.py` with `api.add_router("/notifications/", ...)`. Errors are
`{"error": "…"}`: 400 for a subscription that is not one (keys that are no P-256 point or
auth secret, an endpoint on no known push service), 503 when the site has no VAPID pair.
A browser subscribed in a session stops receiving pushes when that session signs out
(`notifications.receivers`): on a shared computer, the next person does not read them.
"""

from __future__ import annotations

import binascii
from datetime import datetime
from typing import TYPE_CHECKING, cast

from cryptography.hazmat.primitives.asymmetric import ec
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import SessionAuth

from core.api import ERRORS, TokenAuth
from notifications import services
from notifications.push import allowed_endpoint
from notifications.receivers import SESSION_ENDPOINTS
from notifications.selectors import push_enabled
from notifications.vapid import b64url_decode

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The token first: ninja's SessionAuth refuses a POST without a CSRF token before trying the
# next method, which would lock bots with a token out of writes.
router = Router(tags=["notifications"], auth=[TokenAuth(), SessionAuth()])


class PushKeys(Schema):
    p256dh: str = Field(max_length=200, description="the browser's P-256 public key, base64url")
    auth: str = Field(max_length=100, description="the browser's auth secret, base64url")


class SubscriptionIn(Schema):
    """What `PushSubscription.toJSON()` gives in the browser (`expirationTime` is ignored)."""

    endpoint: str = Field(max_length=1000, description="the push service's URL")
    keys: PushKeys


class EndpointIn(Schema):
    endpoint: str = Field(max_length=1000)


class SubscriptionOut(Schema):
    endpoint: str
    created_at: datetime


class UnsubscribedOut(Schema):
    unsubscribed: bool = Field(description="false when this browser was not subscribed")


def _decoded(text: str) -> bytes:
    try:
        return b64url_decode(text.strip())
    except (binascii.Error, ValueError):
        return b""


def _check(subscription: SubscriptionIn) -> None:
    """A 400 unless this is a browser's subscription Ruche may post to."""
    if not push_enabled():
        raise HttpError(503, _("Push notifications are not set up on this site."))
    if not allowed_endpoint(subscription.endpoint):
        raise HttpError(400, _("endpoint: not the address of a known push service."))
    point = _decoded(subscription.keys.p256dh)
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise HttpError(400, _("keys.p256dh: not a P-256 public key.")) from None
    if len(_decoded(subscription.keys.auth)) != 16:
        raise HttpError(400, _("keys.auth: not a 16-byte secret."))


@router.post(
    "/push/subscribe/",
    response={201: SubscriptionOut, **ERRORS},
    summary="Receive my notifications as pushes on this browser",
    url_name="subscribe_push",
)
def subscribe_push(request: HttpRequest, subscription: SubscriptionIn):
    _check(subscription)
    saved = services.subscribe_push(
        user=cast("User", request.user),
        endpoint=subscription.endpoint,
        p256dh=subscription.keys.p256dh.strip(),
        auth=subscription.keys.auth.strip(),
    )
    if request.session.session_key:  # a browser's session, not a token: forgotten at sign-out
        noted = request.session.get(SESSION_ENDPOINTS, [])
        others = [endpoint for endpoint in noted if endpoint != saved.endpoint]
        request.session[SESSION_ENDPOINTS] = [*others[-4:], saved.endpoint]
    return Status(201, {"endpoint": saved.endpoint, "created_at": saved.created_at})


@router.post(
    "/push/unsubscribe/",
    response={200: UnsubscribedOut, **ERRORS},
    summary="Stop pushing my notifications to this browser",
    url_name="unsubscribe_push",
)
def unsubscribe_push(request: HttpRequest, body: EndpointIn):
    done = services.unsubscribe_push(user=cast("User", request.user), endpoint=body.endpoint)
    return {"unsubscribed": done}
