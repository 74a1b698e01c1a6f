"""What a search returns, whichever backend answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape

from search.query import MARK_END, MARK_START


@dataclass
class SearchHit:
    kind: str
    object_id: str
    key: str | None
    title: str
    url: str
    snippet: str = ""
    date: datetime | str | None = None
    promoted: bool = False
    # What found it: the fields that matched ("title", "body", "tags", "teams", "suggestions")
    # and how ("synonym", "translation", "relaxed"), see search/answers.py.
    why: list[str] = field(default_factory=list)
    # What the search page shows beside it (`search.thumbnails`): a `core.findable.Thumbnail`.
    thumbnail: Any = None
    # It may be out of date (its review date has passed): the result says so.
    stale: bool = False


@dataclass
class SearchOutcome:
    query: str
    count: int
    results: list[SearchHit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    page: int = 1
    page_size: int = 20
    log_id: int | None = None
    # "strict" (every typed word, or all but one) or "relaxed" (a question, or few results).
    tier: str = "strict"
    # The passage that answers a question: {"text", "key", "url", "kind", "title", "date"}.
    answer: dict | None = None

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def page_count(self) -> int:
        return max(1, -(-self.count // self.page_size))


def is_stale(stale_from: datetime | str | None) -> bool:
    """Whether a document's `stale_from` (a moment, or the engine's ISO text of it) is past."""
    moment = parse_datetime(stale_from) if isinstance(stale_from, str) else stale_from
    return moment is not None and moment <= timezone.now()


def marked_html(fragment: str) -> str:
    """Escape everything, then turn the engine's private markers into <mark> elements."""
    cleaned = escape(fragment.replace("\n", " "))
    return cleaned.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def strip_markers(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")
