"""The push subscriptions API under /api/notifications/: a browser's Push API subscription
given to Ruche (the preferences page's script, frontend/static/frontend/js/push.js), or
taken back. For the signed-in person only, their own browsers only.

Mounted in `intranet/urls.py` with `api.add_router("/notifications/", ...)`. Errors are
`{"error": "…"}`: 400 for a subscription that is not one (keys not shaped as a P-256 point
and a 16-byte secret, an endpoint on no known push service), 503 when the site has no VAPID
pair.
A browser subscribed in a session stops receiving pushes when that session signs out
(`notifications.receivers`): on a shared computer, the next person does not read them.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import SessionAuth

from core.api import ERRORS, TokenAuth
from notifications import services
from notifications.push import allowed_endpoint, endpoint_pattern
from notifications.receivers import SESSION_ENDPOINTS
from notifications.selectors import push_enabled

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The token first: ninja's SessionAuth refuses a POST without a CSRF token before trying the
# next method, which would lock bots with a token out of writes.
router = Router(tags=["notifications"], auth=[TokenAuth(), SessionAuth()])

# Base64url of 65 bytes starting with 4 (an uncompressed point), and of 16 bytes.
P256DH = r"^B[A-Za-z0-9_-]{86}$"
AUTH = r"^[A-Za-z0-9_-]{22}$"


class PushKeys(Schema):
    p256dh: str = Field(
        pattern=P256DH, description="the browser's P-256 public key (uncompressed), base64url"
    )
    auth: str = Field(pattern=AUTH, description="the browser's 16-byte auth secret, base64url")


class SubscriptionIn(Schema):
    """What `PushSubscription.toJSON()` gives in the browser (`expirationTime` is ignored)."""

    endpoint: str = Field(
        max_length=1000,
        pattern=endpoint_pattern(),
        description="the push service's URL: HTTPS, on a browser's push service",
    )
    keys: PushKeys


class EndpointIn(Schema):
    endpoint: str = Field(max_length=1000)


class SubscriptionOut(Schema):
    endpoint: str
    created_at: datetime


class UnsubscribedOut(Schema):
    unsubscribed: bool = Field(description="false when this browser was not subscribed")


def _check(subscription: SubscriptionIn) -> None:
    """A 400 unless this is a subscription Ruche may post to. The schema's patterns already
    say which (so that what it calls valid is accepted); this holds when the settings changed
    since. Whether p256dh is a point of the curve no schema can say: a subscription whose key
    is not one is dropped when first pushed to (`notifications.push`)."""
    if not push_enabled():
        raise HttpError(503, _("Push notifications are not set up on this site."))
    if not allowed_endpoint(subscription.endpoint):
        raise HttpError(400, _("endpoint: not the address of a known push service."))


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
