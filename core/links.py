"""Addresses people type (a workshop's online link): web addresses only, never a script.

A link entered on the site or in the admin is kept only if it is an absolute `http://` or
`https://` address; `javascript:`, `data:`, relative and protocol-relative addresses are
refused with a message. Templates render stored links through the `web_href` filter
(`{% load links %}`), which gives an empty string for anything else.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")
NOT_A_WEB_ADDRESS = _("Give a web address starting with http:// or https://.")

web_url_validator = URLValidator(schemes=list(WEB_SCHEMES), message=NOT_A_WEB_ADDRESS)


def clean_web_url(value: str | None) -> str:
    """The address without surrounding spaces ("" stays ""), or ValidationError."""
    address = (value or "").strip()
    if not address:
        return ""
    web_url_validator(address)
    scheme, separator, rest = address.partition("://")
    return f"{scheme.lower()}{separator}{rest}"  # HTTPS://… is stored as https://…


def is_web_url(value: str | None) -> bool:
    """Whether `value` is an absolute http(s) address that a link may point to."""
    try:
        return bool(clean_web_url(value if isinstance(value, str) else ""))
    except ValidationError:
        return False
