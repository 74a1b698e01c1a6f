"""Reads of the ideas hub for a manager's suggestions (insights.suggestions): what waits.

A fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from ideas.models import Idea, Status


def ideas_awaiting_answer(*, author_ids: Collection[int]) -> list[tuple[int, datetime]]:
    """(id, submitted at) of the ideas of these people that no owner has answered yet (still
    "submitted", not hidden nor merged), oldest first. Anonymous ideas are left out: they
    are counted by nobody's team (it could be worked out who wrote them). One query."""
    if not author_ids:
        return []
    waiting = Idea.objects.visible().filter(
        author_id__in=list(author_ids), anonymous=False, status=Status.SUBMITTED
    )
    return list(waiting.order_by("created_at", "pk").values_list("pk", "created_at"))
