"""Durations as people say them ("41 secondes", "2 h 5 min", "3 jours"), in the reader's language.

Two units at most, and only while the smaller one still matters: seconds under a minute,
minutes under an hour, hours and minutes under a day, days and hours under three days, then
days alone (rounded). A statistic of delays never needs more, and a raw `0:00:41.474851` is
never shown.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext, ngettext

MINUTE, HOUR, DAY = 60, 3600, 86400


def _days(count: int) -> str:
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


def _hours_minutes(hours: int, minutes: int) -> str:
    if not minutes:
        return gettext("%(hours)d h") % {"hours": hours}
    return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}


def human_duration(delay: timedelta | None) -> str:
    """`delay` in words at a sensible precision; "—" when there is none."""
    if delay is None:
        return "—"
    seconds = max(delay.total_seconds(), 0.0)
    if seconds < 1:
        return gettext("less than a second")
    if seconds < MINUTE:
        count = int(seconds)
        return ngettext("%(count)d second", "%(count)d seconds", count) % {"count": count}
    if seconds < HOUR:
        count = int(seconds // MINUTE)
        return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}
    if seconds < DAY:
        whole_minutes = int(seconds // MINUTE)
        return _hours_minutes(whole_minutes // 60, whole_minutes % 60)
    if seconds < 3 * DAY:
        days, rest = divmod(int(seconds // HOUR), 24)
        if not rest:
            return _days(days)
        return gettext("%(days)s %(hours)d h") % {"days": _days(days), "hours": rest}
    return _days(round(seconds / DAY))
