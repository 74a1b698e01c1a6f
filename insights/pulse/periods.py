"""Which round of a survey is due in a given week: the Monday it opens and the day it closes."""

from __future__ import annotations

from datetime import date, timedelta

from insights.pulse.models import Recurrence
from insights.selectors import monday_of

# How long a round stays open, by recurrence: until the next one, at most two weeks.
OPEN_FOR = {
    Recurrence.ONCE: timedelta(days=14),
    Recurrence.WEEKLY: timedelta(days=7),
    Recurrence.FORTNIGHTLY: timedelta(days=14),
    Recurrence.MONTHLY: timedelta(days=14),
}


def first_monday_of_month(day: date) -> date:
    first = day.replace(day=1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def due_opening(*, recurrence: str, starts_on: date, today: date) -> date | None:
    """The Monday of the round that should be open today, or None when none is due.

    Once: the week of `starts_on` only. Weekly: every Monday from then on. Every two weeks:
    every other Monday counted from that week. Monthly: the first Monday of each month (the
    first week of `starts_on` counting when it falls after that month's first Monday).
    """
    first = monday_of(starts_on)
    week = monday_of(today)
    if week < first:
        return None
    if recurrence == Recurrence.ONCE:
        return first if today < first + OPEN_FOR[Recurrence.ONCE] else None
    if recurrence == Recurrence.WEEKLY:
        return week
    if recurrence == Recurrence.FORTNIGHTLY:
        return week - timedelta(weeks=((week - first).days // 7) % 2)
    this_month = today.replace(day=1)
    for month in (this_month, (this_month - timedelta(days=1)).replace(day=1)):
        opening = _monthly_opening(month, first)
        if opening is not None and opening <= today < opening + OPEN_FOR[Recurrence.MONTHLY]:
            return opening
    return None


def _monthly_opening(month: date, first: date) -> date | None:
    """The month's first Monday, or the survey's first Monday when it falls later that month."""
    opening = first_monday_of_month(month)
    if opening >= first:
        return opening
    if (first.year, first.month) == (month.year, month.month):
        return first
    return None


def closing(*, recurrence: str, opens_on: date) -> date:
    """The first day the round no longer takes answers."""
    return opens_on + OPEN_FOR[Recurrence(recurrence)]
