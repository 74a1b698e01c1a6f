"""The embedded mode's search: the same API on Wagtail's database backend, with fewer features.

No typo tolerance, stemming on SQLite, or "did you mean"; synonyms, permissions, facets,
snippets, questions and prefixes work. Like the engine (relaxed.py), the database search goes
in tiers: the strict one asks for every typed word (or a synonym's); a question, or fewer
than `relax_below` results, also asks for any of the meaningful words (understanding.py),
their translations and the related words; when nothing matched at all, the words are taken
as beginnings of words ("Kuber"). database_ranking.py orders what was found and says why.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from search.database_ranking import MEANINGFUL, PREFIX, Terms, rank, to_hit
from search.folding import fold, normal
from search.indexing import database_backend
from search.models import SearchEntry
from search.permissions import Searcher
from search.query import Filters
from search.relaxed import RELATED, RELAXED, SYNONYM, TRANSLATION, TYPED
from search.results import SearchHit
from search.understanding import Understanding, lemma, understand, words_of

CANDIDATES = 500
# The relaxed tier also takes the first meaningful words as beginnings of titles, names and
# tags, cut to what they share with their lemma ("passwords", "congés": "password", "conge").
BEGINNINGS = 6
SHORTEST_BEGINNING = 4
QUOTING_BREAKERS = re.compile(r'["\x00-\x1f\x7f]')
PERIOD_DAYS = {"week": 7, "month": 30, "year": 365}

__all__ = ["Matches", "search_entries", "suggest_hits", "rank", "to_hit", "plain_words"]


def plain_words(text: str) -> str:
    """The words of a query as the database backend must receive them: plain words only.

    The embedded search has no query syntax, but Wagtail's backends quote each word into their
    own (SQLite's FTS5 MATCH) without escaping double quotes, and a double quote or a control
    character typed by the user ends that quoting: the database would refuse the query.
    Elisions are taken off ("d'énergie" is "énergie") and accents folded: the index holds
    every accented word folded too (SearchEntry.folded_text).
    """
    cleaned = QUOTING_BREAKERS.sub(" ", text)
    return " ".join(fold(word) for word in words_of(cleaned))


@dataclass
class Matches:
    """What the database found for one query: the visible entries that pass the filters,
    the facet counts of every visible entry, the tier and how each entry was found."""

    entries: list[SearchEntry]
    facets: dict[str, dict[str, int]]
    tier: str = "strict"
    origins: dict[int, set[str]] = field(default_factory=dict)


class _Collector:
    """Asks the backend, keeps what the searcher may see and notes how it was found."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.entries: dict[int, SearchEntry] = {}
        self.origins: dict[int, set[str]] = {}

    def ask(self, text: str, origin: str, operator: str, *, prefix: bool = False) -> None:
        words = plain_words(text)
        if not words:
            return
        backend = database_backend()
        method = backend.autocomplete if prefix else backend.search
        for entry in method(words, SearchEntry, operator=operator)[:CANDIDATES]:
            if entry.pk not in self.entries:
                if not self.searcher.may_see(entry):
                    continue
                self.entries[entry.pk] = entry
            self.origins.setdefault(entry.pk, set()).add(origin)

    def passing(self, filters: Filters) -> list[SearchEntry]:
        return [entry for entry in self.entries.values() if _passes(entry, filters)]


def search_entries(
    text: str,
    variants: list[str],
    searcher: Searcher,
    filters: Filters,
    understanding: Understanding | None = None,
    *,
    relax_below: int,
) -> Matches:
    """Visible entries matching the text, a synonym variant or, in the relaxed tier, the
    meaningful words, their translations, related words or beginnings; and facet counts."""
    understanding = understanding or understand(text)
    found = _Collector(searcher)
    found.ask(text, TYPED, "and")
    for variant in variants:
        found.ask(variant, SYNONYM, "and")
    tier = "strict"
    if understanding.is_question or len(found.passing(filters)) < relax_below:
        tier = "relaxed"
        if understanding.drops_words:
            found.ask(understanding.meaningful_text, MEANINGFUL, "and")
        found.ask(understanding.meaningful_text, RELAXED, "or")
        found.ask(" ".join(map(normal, understanding.meaningful)), RELAXED, "or")
        found.ask(understanding.translated_text, TRANSLATION, "or")
        found.ask(understanding.related_text, RELATED, "or")
        for beginning in beginnings(understanding):
            found.ask(beginning, PREFIX, "and", prefix=True)
    if not found.entries:
        # Nothing holds the words: perhaps they are the beginnings of words ("Kuber").
        tier = "relaxed"
        found.ask(understanding.meaningful_text, PREFIX, "and", prefix=True)
        if not found.entries and len(understanding.meaningful) > 1:
            found.ask(understanding.meaningful_text, PREFIX, "or", prefix=True)
    visible = list(found.entries.values())
    facets = {
        "kind": dict(Counter(entry.kind for entry in visible)),
        "team": dict(Counter(team for entry in visible for team in _lines(entry.teams))),
        "tag": dict(Counter(tag for entry in visible for tag in _lines(entry.tags))),
    }
    return Matches(found.passing(filters), facets, tier, found.origins)


def beginnings(understanding: Understanding) -> list[str]:
    """The stems of the meaningful words, as far as the lemmatiser tells them apart from
    their endings: SQLite's index has no stemming, and PostgreSQL's stems in English only."""
    languages = [understanding.language] if understanding.language else ["fr", "en"]
    found: dict[str, None] = {}
    for word in understanding.meaningful[:BEGINNINGS]:
        for language in languages:
            stem = os.path.commonprefix([fold(word), fold(lemma(word, language))])
            if len(stem) >= SHORTEST_BEGINNING:
                found[stem] = None
    return list(found)


def suggest_hits(text: str, searcher: Searcher, size: int) -> list[SearchHit]:
    """As-you-type: the titles, names and tags that begin with what was typed, then the
    entries that hold the typed words."""
    found = _Collector(searcher)
    found.ask(text, PREFIX, "and", prefix=True)
    if len(found.entries) < size:
        found.ask(text, TYPED, "and")
    terms = Terms.of(understand(text), [], prefix=True)
    entries = rank(list(found.entries.values()), found.origins, terms)
    return [to_hit(entry, found.origins[entry.pk], terms) for entry in entries[:size]]


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
