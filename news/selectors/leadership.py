"""Leadership as Ruche addresses it: who may publish its updates, what it answered."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count
from wagtail.models import GroupPagePermission

from news.models import LeadershipIndexPage, Question


def leadership_publisher_ids() -> list[int]:
    """Active members of the groups that may publish under the leadership index (or above
    it), by id: Communicators unless the site gave that right to another group. Superusers
    only when they are in such a group. Two queries."""
    index = LeadershipIndexPage.objects.first()
    if index is None:
        return []
    ancestor_paths = [
        index.path[:end] for end in range(index.steplen, len(index.path) + 1, index.steplen)
    ]
    group_ids = GroupPagePermission.objects.filter(
        page__path__in=ancestor_paths,
        permission__codename="publish_page",
        permission__content_type__app_label="wagtailcore",
    ).values("group_id")
    return list(
        get_user_model()
        .objects.filter(groups__in=group_ids, is_active=True)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def questions_answered_between(*, start: datetime, end: datetime) -> dict[str, int]:
    """Questions to leadership first answered in [start, end): how many, asked by how many
    distinct people (the floor a caller checks before showing the count). One query."""
    counts: dict[str, int] = Question.objects.filter(
        answered_at__gte=start, answered_at__lt=end
    ).aggregate(answered=Count("id"), askers=Count("author_id", distinct=True))
    return counts
