"""News for an audience keeps its cover for that audience (`core.cover_access`): its
renditions are served to the readers it is addressed to, 404 to everyone else."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from core.cover_access import page_cover_owner
from core.page_context import register_page_context
from news.models import NewsPage
from news.selectors.access import addressed_to


def has_audience(page: NewsPage) -> bool:
    """Addressed to some teams (the feed and the lists prefetch `audience_teams`)."""
    return bool(page.audience_teams.all())


def is_addressed_to(user: Any, page: NewsPage) -> bool:
    return addressed_to(NewsPage.objects.filter(pk=page.pk), user).exists()


def cover_context(request: HttpRequest, page: NewsPage) -> dict[str, Any]:
    """`cover_readable` for the news page: someone outside its audience who opens it by its
    link is shown the news' visual, not a cover that would answer 404."""
    return {"cover_readable": not has_audience(page) or is_addressed_to(request.user, page)}


def register() -> None:
    page_cover_owner(NewsPage, kind="news", private=has_audience, may_read=is_addressed_to)
    register_page_context(NewsPage, cover_context)
