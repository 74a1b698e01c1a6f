"""Dates and numbers in the reader's language, for every template, email and chart.

Django's formats know no ordinals, but French writes the first day of a month "1er"
("1er décembre", and "2 décembre"): `local_date` is `django.utils.formats.date_format` with
that rule. Templates use the `local_date` and `local_number` filters (built in, no
`{% load %}`), Python code (emails, notices, charts) these functions.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.utils import dateformat, timezone, translation
from django.utils.formats import get_format, number_format

# Languages that write the first day of the month as an ordinal, and how (a Django format
# fragment, backslash-escaped).
FIRST_DAY_ORDINAL = {"fr": r"\e\r"}


def _with_ordinal(pattern: str, suffix: str) -> str:
    """The pattern with `suffix` after each day-of-the-month `j` (escaped letters kept)."""
    out, escaped = [], False
    for char in pattern:
        out.append(char)
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "j":
            out.append(suffix)
    return "".join(out)


def local_date(value: date | datetime | None, format_name: str = "DATE_FORMAT") -> str:
    """A date (or an aware datetime, in the site's time zone) in the active language's
    format: a format name (`DATE_FORMAT`, `DATETIME_FORMAT`, `MONTH_DAY_FORMAT`…) or a
    pattern. Empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    pattern = get_format(format_name)
    language = (translation.get_language() or "").split("-")[0]
    suffix = FIRST_DAY_ORDINAL.get(language)
    if suffix and value.day == 1:
        pattern = _with_ordinal(pattern, suffix)
    return dateformat.format(value, pattern)


def local_number(value: float | int | Literal[""] | None, decimal_pos: int | None = None) -> str:
    """A number with the active language's decimal separator (12.5 → "12,5" in French), a
    whole value without decimals (100.0 → "100"). Empty for None."""
    if value is None or value == "":
        return ""
    if decimal_pos is None and float(value).is_integer():
        value = int(value)
    return number_format(value, decimal_pos=decimal_pos)
