"""Avatars in the Wagtail admin come from Ruche's profiles, never from an outside service.

A person with a profile photo shows a square rendition of it; anyone else their initials on
the colour the site gives their name (frontend.components.avatar_colour), drawn as a small
SVG in a `data:` URL: nothing is fetched from gravatar.com or elsewhere (the CSP allows
`data:` images, and WAGTAIL_GRAVATAR_PROVIDER_URL is None).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import escape

from frontend.components import avatar_colour, display_name, initials

# The avatar palette of tokens.css (--avatar-0 … --avatar-7): white initials on each ≥ 6.6:1.
AVATAR_BACKGROUNDS = (
    "#8a4b00",
    "#1a6b2f",
    "#1a4fa0",
    "#7b2d8b",
    "#a40e26",
    "#0e6470",
    "#5b4e00",
    "#4a5263",
)
# Square renditions are cut at these sizes only (the admin asks for 25, 50 and 80 pixels).
RENDITION_SIZES = (50, 100, 160)


def _profile(user: Any) -> Any:
    try:
        return user.profile
    except (AttributeError, ObjectDoesNotExist):  # a user without a profile
        return None


def initials_avatar_url(name: str) -> str:
    """A `data:` URL of an SVG square with these initials on the name's colour."""
    letters = escape(initials(name) or "?")
    background = AVATAR_BACKGROUNDS[avatar_colour(name)]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" fill="{background}"/>'
        '<text x="32" y="32" dy=".35em" text-anchor="middle" fill="#ffffff" '
        'font-family="Inter, system-ui, sans-serif" font-size="26" font-weight="600">'
        f"{letters}</text></svg>"
    )
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


def avatar_url(user: Any, size: int = 50) -> str:
    """The admin's avatar of `user`: their profile photo, else their initials."""
    profile = _profile(user)
    photo = getattr(profile, "photo", None) if profile is not None else None
    if photo is not None:
        wanted = next((one for one in RENDITION_SIZES if one >= size * 2), RENDITION_SIZES[-1])
        rendition = photo.get_rendition(f"fill-{wanted}x{wanted}")
        url: str = rendition.url
        return url
    return initials_avatar_url(display_name(profile or user))
