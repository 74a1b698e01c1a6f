"""Dates in import lines: ISO 8601 moments or days (a day means its midnight, local time)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Literal, overload

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .registry import ImportRowError


@overload
def parse_moment(row: dict[str, Any], field: str, *, required: Literal[True]) -> datetime: ...


@overload
def parse_moment(row: dict[str, Any], field: str, *, required: bool = False) -> datetime | None: ...


def parse_moment(row: dict[str, Any], field: str, *, required: bool = False) -> datetime | None:
    """The moment in `row[field]`; None when absent (an ImportRowError if `required`), an
    ImportRowError naming the field when it is not an ISO 8601 date or moment."""
    value = row.get(field)
    if value in (None, ""):
        if required:
            raise ImportRowError(f"missing field '{field}'")
        return None
    if not isinstance(value, str):
        raise ImportRowError(f"field '{field}' must be an ISO 8601 date")
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise ImportRowError(f"field '{field}' must be an ISO 8601 date")
        moment = datetime.combine(day, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def parse_day(row: dict[str, Any], field: str) -> date | None:
    """The day in `row[field]` (YYYY-MM-DD); None when absent, an ImportRowError naming the
    field when it is anything else."""
    value = row.get(field)
    if value in (None, ""):
        return None
    day = parse_date(value) if isinstance(value, str) else None
    if day is None:
        raise ImportRowError(f"field '{field}' must be a date (YYYY-MM-DD)")
    return day
