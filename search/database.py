"""The embedded mode's search: the same API on Wagtail's database backend, with fewer features.

No typo tolerance, stemming or "did you mean"; synonyms, permissions, facets and snippets work.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

from django.utils import timezone

from search.indexing import database_backend, document_id
from search.models import SearchEntry
from search.permissions import Searcher
from search.query import MARK_END, MARK_START, Filters
from search.results import SearchHit, marked_html
from search.synonyms import fold

CANDIDATES = 500
QUOTING_BREAKERS = re.compile(r'["\x00-\x1f\x7f]')
PERIOD_DAYS = {"week": 7, "month": 30, "year": 365}


def plain_words(text: str) -> str:
    """The words of a query as the database backend must receive them: plain words only.

    The embedded search has no query syntax, but Wagtail's backends quote each word into their
    own (SQLite's FTS5 MATCH) without escaping double quotes, and a double quote or a control
    character typed by the user ends that quoting: the database would refuse the query.
    """
    return " ".join(QUOTING_BREAKERS.sub(" ", text).split())


def search_entries(
    text: str, variants: list[str], searcher: Searcher, filters: Filters
) -> tuple[list[SearchEntry], dict[str, dict[str, int]]]:
    """Visible entries matching the text or a synonym variant, and facet counts."""
    seen: dict[int, SearchEntry] = {}
    for phrase in filter(None, map(plain_words, [text, *variants])):
        matches = database_backend().search(phrase, SearchEntry, operator="and")
        for entry in matches[:CANDIDATES]:
            seen.setdefault(entry.pk, entry)
    visible = [entry for entry in seen.values() if searcher.may_see(entry)]
    facets = {
        "kind": dict(Counter(entry.kind for entry in visible)),
        "team": dict(Counter(team for entry in visible for team in _lines(entry.teams))),
        "tag": dict(Counter(tag for entry in visible for tag in _lines(entry.tags))),
    }
    return [entry for entry in visible if _passes(entry, filters)], facets


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


def _passes(entry: SearchEntry, filters: Filters) -> bool:
    if filters.kinds and entry.kind not in filters.kinds:
        return False
    if filters.team and filters.team not in _lines(entry.teams):
        return False
    if filters.tag and filters.tag not in _lines(entry.tags):
        return False
    if filters.period in PERIOD_DAYS:
        since = timezone.now() - timedelta(days=PERIOD_DAYS[filters.period])
        return entry.date is not None and entry.date >= since
    return True


def to_hit(entry: SearchEntry, text: str) -> SearchHit:
    return SearchHit(
        kind=entry.kind,
        object_id=entry.object_id,
        key=entry.key or None,
        title=entry.title,
        url=entry.url,
        snippet=snippet(entry.body, text),
        date=entry.date,
    )


def fold_aligned(text: str) -> str:
    """Lower case without accents, one character for one, so positions stay valid."""
    return "".join((fold(char) or char)[:1] for char in text)


def rank(
    entries: list[SearchEntry], text: str, learned: dict[str, float] | None = None
) -> list[SearchEntry]:
    """Entries whose title holds every word first, then those people chose for this text
    (`learned`, search.learning) by weight, then by boost, else in backend order."""
    learned = learned or {}
    words = re.findall(r"\w+", fold(text))

    def key(item):
        position, entry = item
        title = fold(entry.title)
        chosen = learned.get(document_id(entry.kind, entry.object_id), 0.0)
        return (not all(word in title for word in words), -chosen, -entry.boost, position)

    return [entry for _, entry in sorted(enumerate(entries), key=key)]


def snippet(body: str, text: str, width: int = 180) -> str:
    words = [re.escape(word) for word in re.findall(r"\w+", fold(text)) if len(word) > 1]
    pattern = re.compile(r"\b(" + "|".join(words) + r")") if words else None
    folded = fold_aligned(body)
    match = pattern.search(folded) if pattern else None
    start = max(0, match.start() - width // 3) if match else 0
    pieces, cursor = [], start
    end = start + width
    for found in pattern.finditer(folded, start, end) if pattern else []:
        pieces += [body[cursor : found.start()], MARK_START, body[found.start() : found.end()]]
        pieces.append(MARK_END)
        cursor = found.end()
    pieces.append(body[cursor:end])
    return marked_html("".join(pieces))
