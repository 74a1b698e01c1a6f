"""Reads of news and leadership for a manager's suggestions (insights.suggestions).

A fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from wagtail.models import Page

from news.models import LeadershipIndexPage, Question, QuestionStatus


def open_questions_of(*, author_ids: Collection[int]) -> list[tuple[int, datetime]]:
    """(id, asked at) of the leadership questions these people asked that are still open,
    oldest first. Anonymous questions are left out: they are counted by nobody's team. One
    query."""
    if not author_ids:
        return []
    questions = Question.objects.filter(
        author_id__in=list(author_ids), anonymous=False, status=QuestionStatus.OPEN
    )
    return list(questions.order_by("created_at", "pk").values_list("pk", "created_at"))


def leadership_url() -> str:
    """Where leadership's updates and the questions asked to it are (empty when nowhere)."""
    index = LeadershipIndexPage.objects.live().order_by("path").first()
    return (index.get_url() or "") if index else ""


def page_urls(page_ids: Collection[int]) -> dict[int, str]:
    """{page id: its address} for these pages, in one query (the site's root paths are
    cached by Wagtail)."""
    if not page_ids:
        return {}
    pages = Page.objects.filter(pk__in=list(page_ids)).only("id", "url_path")
    return {page.pk: page.get_url() or "" for page in pages}
