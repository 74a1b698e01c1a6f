"""KPIs of the co-creativity objective: ideas, answers, implementation, attendance."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from agenda.selectors.insights import event_attendee_ids
from ideas.selectors.insights import ideas_decided, ideas_submitted
from insights.kpis_registry import Group, Measure, share

ANSWER_DELAY_30D = timedelta(days=30)


def ideas_per_100_employees(start: datetime, end: datetime, group: Group) -> Measure:
    """Ideas the group submitted (not hidden, not merged) per 100 of its active people."""
    ideas = ideas_submitted(start=start, end=end, author_ids=group.user_ids)
    value = round(100 * len(ideas) / len(group.members), 1) if group.members else None
    return Measure(value, len({idea["author_id"] for idea in ideas}))


def answered_within(delay: timedelta):
    """% of the period's ideas that are due (`delay` has passed, or already answered) whose
    owner's first status change came within `delay`."""

    def answered(start: datetime, end: datetime, group: Group) -> Measure:
        now = timezone.now()

        def in_time(idea: dict) -> bool:
            at = idea["first_answer_at"]
            return at is not None and at - idea["created_at"] <= delay

        due = [
            idea
            for idea in ideas_submitted(start=start, end=end, author_ids=group.user_ids)
            if idea["created_at"] + delay <= now or in_time(idea)
        ]
        on_time = sum(1 for idea in due if in_time(idea))
        return Measure(share(on_time, len(due)), len({idea["author_id"] for idea in due}))

    return answered


def implemented_share(start: datetime, end: datetime, group: Group) -> Measure:
    """Of the group's ideas that received a decision in the period (selected, implemented
    or rejected), % implemented."""
    decided = ideas_decided(start=start, end=end, author_ids=group.user_ids)
    implemented = sum(1 for idea in decided if idea["implemented"])
    return Measure(share(implemented, len(decided)), len({idea["author_id"] for idea in decided}))


def event_attendance(start: datetime, end: datetime, group: Group) -> Measure:
    """% of the group's active people with a seat at a workshop or event held in the period."""
    attendees = event_attendee_ids(start=start, end=end, user_ids=set(group.members))
    return Measure(share(len(attendees), len(group.members)), len(group.members))
