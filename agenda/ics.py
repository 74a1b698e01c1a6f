"""An event as an iCalendar file (RFC 5545), for the invitation email and the download link.

No iCalendar library is installed, and one event needs little of the format: this module
writes it by hand, following the rules calendar programs are strict about: CRLF line
endings, lines folded at 75 octets (never inside a UTF-8 character), TEXT values escaped
(backslash, semicolon, comma, newline), times in UTC (`…Z`), a stable UID and a DTSTAMP.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone

from agenda.models import Event
from core.richtext import plain_text

CRLF = "\r\n"
LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): `\\`, `;`, `,` escaped, newlines as `\\n`."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, each continuation starting with
    one space (§3.1); a multi-byte character is never cut."""
    parts: list[str] = []
    current, size = "", 0
    limit = LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size = " ", 1  # the leading space counts in the next line's 75
        current += char
        size += octets
    parts.append(current)
    return CRLF.join(parts)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return urlparse(settings.WAGTAILADMIN_BASE_URL).hostname or "ruche.invalid"


def event_uid(event: Event) -> str:
    """Stable across sends, so that a calendar updates the event instead of adding it twice."""
    return f"event-{event.pk}@{_host()}"


def event_calendar(
    event: Event,
    *,
    url: str,
    show_online_link: bool,
    now: datetime | None = None,
) -> str:
    """The text of a `.ics` file holding this one event; `url` is the event page's absolute
    address; the online link is in LOCATION and DESCRIPTION only when `show_online_link`."""
    now = now or timezone.now()
    where = [event.place] if event.place else []
    if show_online_link and event.online_url:
        where.append(event.online_url)
    description = plain_text(event.description)
    if show_online_link and event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Ruche//Communities events//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{event_uid(event)}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART:{utc_stamp(event.starts_at)}",
        f"DTEND:{utc_stamp(event.ends_at)}",
        f"SUMMARY:{escape_text(event.title)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if where:
        lines.append(f"LOCATION:{escape_text(' — '.join(where))}")
    lines += [
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if event.cancelled_at else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + CRLF for line in lines)
