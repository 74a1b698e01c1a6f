"""Reads of the ideas hub for leadership's monthly recognition post (insights.recognition)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef

from ideas.models import ChallengePage, Idea, Status, StatusChange


def ideas_implemented_between(*, start: datetime, end: datetime) -> list[Idea]:
    """Ideas marked implemented in [start, end) that every employee may read: in a live
    challenge open to everyone (no audience), not hidden, not merged, still implemented.
    Oldest first, with their challenge; one query."""
    implemented = StatusChange.objects.filter(
        idea=OuterRef("pk"),
        to_status=Status.IMPLEMENTED,
        created_at__gte=start,
        created_at__lt=end,
    )
    audience = ChallengePage.audience.through.objects.filter(challengepage_id=OuterRef("challenge"))
    return list(
        Idea.objects.visible()
        .filter(Exists(implemented), status=Status.IMPLEMENTED, challenge__live=True)
        .exclude(Exists(audience))
        .select_related("challenge")
        .order_by("created_at", "pk")
    )
