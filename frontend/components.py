"""What the component templates compute: initials and colours of avatars, ids of form fields'
help and errors, icons. Pure functions, no query: they work on what a template already has."""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any

AVATAR_COLOURS = 8  # --avatar-0 … --avatar-7 in tokens.css

# 24×24 stroke icons (the paths of a Feather-like set drawn for Ruche), shown aria-hidden.
ICONS = {
    "home": "M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z",
    "search": "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm10 17-5-5",
    "bell": "M6 9a6 6 0 1 1 12 0c0 5 2 7 2 7H4s2-2 2-7zm4 11a2 2 0 0 0 4 0",
    "users": "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 10c0-4 3-6 7-6s7 2 7 6"
    "m1-10a3 3 0 1 0 0-6m2 16c0-3-1-5-3-6",
    "menu": "M4 6h16M4 12h16M4 18h16",
    "close": "M6 6l12 12M18 6 6 18",
    "chevron-down": "m6 9 6 6 6-6",
    "chevron-left": "m15 6-6 6 6 6",
    "chevron-right": "m9 6 6 6-6 6",
    "arrow-up": "M12 19V5m-6 6 6-6 6 6",
    "arrow-down": "M12 5v14m6-6-6 6-6-6",
    "arrow-flat": "M5 12h14m-5-5 5 5-5 5",
    "check": "m5 12 5 5 9-10",
    "info": "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm0-10v6m0-9.5v.5",
    "alert": "M12 3 2 20h20zm0 6v5m0 3v.5",
    "x-circle": "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9 9l6 6m0-6-6 6",
    "filter": "M3 5h18l-7 8v6l-4 2v-8z",
    "inbox": "M3 13h5l2 3h4l2-3h5M5 5h14l2 8v6H3v-6z",
    "sign-out": "M15 4h4a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-4M10 16l-4-4 4-4m-4 4h11",
    "user": "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9c0-4 4-6 8-6s8 2 8 6",
    "globe": "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18",
}

# The status badge's kinds: the token family that colours it and the icon beside its text.
STATUSES = {
    "neutral": "info",
    "info": "info",
    "success": "check",
    "warning": "alert",
    "danger": "x-circle",
}


def initials(name: str = "", username: str = "") -> str:
    """The one rule for the letters of an avatar without a photo: the first letter of the
    first name and the first letter of the last name ("Jean-Pierre Dupont" → "JD",
    "élodie de la Fontaine" → "ÉF"), one letter for a single name ("camille" → "C"); without
    a name, the first two letters of the username ("jdupont" → "JD"); "?" when neither has a
    letter. Accents are kept (composed first: "e" + combining acute is "É"), capitalised."""
    words = [word for word in _letters_only(name).split() if word[0].isalpha()]
    if words:
        letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    else:
        letters = "".join(char for char in _letters_only(username) if char.isalpha())[:2]
    return "".join(letter.upper()[0] for letter in letters) or "?"


def person_initials(person: Any) -> str:
    """`initials` of a user, a profile (its user's, which its `full_name` reads anyway) or a
    name given as a string."""
    if person is None:
        return "?"
    if isinstance(person, str):
        return initials(person)
    user = person if callable(getattr(person, "get_username", None)) else None
    user = user or getattr(person, "user", None)
    if user is None:
        return initials(display_name(person))
    return initials(user.get_full_name(), user.get_username())


def _letters_only(name: str) -> str:
    """The name with every character that is neither a letter nor a digit made a space."""
    composed = unicodedata.normalize("NFC", name or "").strip()
    return "".join(char if unicodedata.category(char)[0] in "LN" else " " for char in composed)


def avatar_colour(name: str) -> int:
    """The palette index (0–7) of a name: the same in every process and on every machine, as
    it comes from a digest of the name (case and spaces around it ignored), not `hash()`."""
    key = unicodedata.normalize("NFC", (name or "").strip().casefold())
    return hashlib.blake2s(key.encode("utf-8"), digest_size=4).digest()[0] % AVATAR_COLOURS


def display_name(person: Any) -> str:
    """What to call a user or a profile: their full name, else their username; a string is
    taken as the name itself. Uses only loaded fields (never a query)."""
    if person is None:
        return ""
    if isinstance(person, str):
        return person
    full_name = getattr(person, "full_name", None)
    if isinstance(full_name, str) and full_name.strip():
        return full_name.strip()
    get_full_name = getattr(person, "get_full_name", None)
    if callable(get_full_name) and (name := get_full_name().strip()):
        return name
    get_username = getattr(person, "get_username", None)
    return get_username() if callable(get_username) else str(person)


def field_ids(bound_field: Any) -> dict[str, str]:
    """The ids a form field's help and error use, from its widget's id (`id_title` gives
    `id_title-help` and `id_title-error`); empty when the form renders without ids."""
    base = bound_field.id_for_label or bound_field.auto_id or ""
    if not base:
        return {"help": "", "error": ""}
    return {"help": f"{base}-help", "error": f"{base}-error"}


def field_target(bound_field: Any) -> str:
    """The id a link to a field should lead to: its control's, or for a group of radios or
    checkboxes its first choice's (that the browser focuses it)."""
    if bound_field.widget_type in ("radioselect", "checkboxselectmultiple"):
        subwidgets = bound_field.subwidgets
        if subwidgets and subwidgets[0].id_for_label:
            return subwidgets[0].id_for_label
    return bound_field.id_for_label or bound_field.auto_id or ""


def described_by(bound_field: Any) -> str:
    """The `aria-describedby` a field's control gets: its help's id when it has help text and
    its error's id when it has errors, in that order; empty when it has neither."""
    ids = field_ids(bound_field)
    wanted = []
    if bound_field.help_text and ids["help"]:
        wanted.append(ids["help"])
    if bound_field.errors and ids["error"]:
        wanted.append(ids["error"])
    return " ".join(wanted)
