"""System checks of Web Push: a VAPID pair that cannot sign, or whose halves do not match,
would make every push fail (and browsers subscribed with the wrong public key)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from notifications.vapid import public_key_of


@register()
def vapid_keys_match(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Both VAPID keys or neither; the public key the one of the private key; a subject."""
    private = settings.WEBPUSH_VAPID_PRIVATE_KEY
    public = settings.WEBPUSH_VAPID_PUBLIC_KEY
    hint = "Run `manage.py generate_vapid_keys` and set both WEBPUSH_VAPID_* variables."
    if not private and not public:
        return []  # push is off
    if not (private and public):
        return [Error("Only one of the two VAPID keys is set.", hint=hint, id="notifications.E001")]
    try:
        derived = public_key_of(private)
    except ValueError as problem:
        return [Error(f"WEBPUSH_VAPID_PRIVATE_KEY: {problem}.", hint=hint, id="notifications.E002")]
    if derived != public.strip():
        return [
            Error(
                "WEBPUSH_VAPID_PUBLIC_KEY is not the public key of WEBPUSH_VAPID_PRIVATE_KEY.",
                hint=hint,
                id="notifications.E003",
            )
        ]
    if not settings.WEBPUSH_VAPID_SUBJECT.startswith(("mailto:", "https://")):
        return [
            Error(
                "WEBPUSH_VAPID_SUBJECT must be a mailto: or https: URL.",
                hint="Push services contact the site's operator there.",
                id="notifications.E004",
            )
        ]
    return []
