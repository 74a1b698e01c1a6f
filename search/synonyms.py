"""Query-time synonym expansion from the editors' synonym list.

"RGPD" also searches "GDPR" and "protection des données"; editing the list takes effect at
once, with no reindex. Matching ignores case and accents and works on whole words.
"""

from __future__ import annotations

import re

from django.core.cache import cache

from search.folding import fold
from search.models import Synonym

CACHE_KEY = "ruche-search-synonyms"
MAX_VARIANTS = 6


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def synonym_groups() -> list[list[str]]:
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = [synonym.term_list for synonym in Synonym.objects.all()]
        cache.set(CACHE_KEY, groups, 300)
    return groups


def forget_synonyms() -> None:
    cache.delete(CACHE_KEY)


def expand(query: str) -> list[str]:
    """Other phrasings of `query`, each replacing one known term by one of its synonyms."""
    words = _words(query)
    if not words:
        return []
    variants: list[str] = []
    for group in synonym_groups():
        for term in group:
            term_words = _words(term)
            start = _find(words, term_words)
            if start is None:
                continue
            for other in group:
                if other == term:
                    continue
                variant = " ".join(
                    [*words[:start], *_words(other), *words[start + len(term_words) :]]
                )
                if variant not in variants and variant != " ".join(words):
                    variants.append(variant)
            break
    return variants[:MAX_VARIANTS]


def _find(words: list[str], term_words: list[str]) -> int | None:
    size = len(term_words)
    if not size:
        return None
    for start in range(len(words) - size + 1):
        if words[start : start + size] == term_words:
            return start
    return None
