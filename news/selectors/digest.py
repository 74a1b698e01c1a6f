"""Reads behind what news says in the notification digests (`news.digest`), per window."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from core.languages import one_per_translation, reader_language
from news.models import LeadershipUpdatePage, NewsPage, Question

from .access import addressed_to, viewable_by

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def news_published_for(user: User, *, since: datetime, until: datetime) -> QuerySet[NewsPage]:
    """News first published in [since, until), addressed to this reader's teams (or to
    everyone) and open to them under Wagtail's page privacy; newest first; one per translated
    set, in the language the digest is written in (the reader's) where it exists."""
    pages: QuerySet[NewsPage] = (
        one_per_translation(
            addressed_to(viewable_by(NewsPage.objects.all(), user), user), reader_language()
        )
        .filter(first_published_at__gte=since, first_published_at__lt=until)
        .order_by("-first_published_at")
    )
    return pages


def any_news_published(*, since: datetime, until: datetime) -> bool:
    published: bool = (
        NewsPage.objects.live()
        .filter(first_published_at__gte=since, first_published_at__lt=until)
        .exists()
    )
    return published


def answers_to_questions_of(user: User, *, since: datetime, until: datetime) -> QuerySet[Question]:
    """This reader's questions answered in [since, until), unless asked on an update they can
    no longer open."""
    open_updates = viewable_by(LeadershipUpdatePage.objects.all(), user).values("pk")
    return (
        Question.objects.filter(author=user, answered_at__gte=since, answered_at__lt=until)
        .filter(Q(update__isnull=True) | Q(update__in=open_updates))
        .select_related("update")
        .order_by("answered_at", "pk")
    )


def askers_answered_between(*, since: datetime, until: datetime) -> set[int]:
    return set(
        Question.objects.filter(answered_at__gte=since, answered_at__lt=until).values_list(
            "author_id", flat=True
        )
    )
