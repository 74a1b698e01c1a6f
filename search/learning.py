"""Learning from use: what people choose for a query ranks a little higher for that query.

The clicks already logged (`SearchClick`, on a `SearchQueryLog` holding the normalised query
and a pseudonym of the searcher) are the only input. Guards:

- a document counts for a query only once SEARCH_LEARNING_MIN_SEARCHERS distinct people
  clicked it for that query: one person clicking fifty times is still one person;
- each person counts once per document, by their latest click, which loses half its weight
  every SEARCH_LEARNING_HALF_LIFE_DAYS (clicks past the search-log retention count nothing);
- the boost multiplies a document's score by at most SEARCH_LEARNING_MAX_BOOST, and only the
  score of a document the query already found: it wraps the matching query (text and
  permission filters), so it never brings in a document that does not match, nor one the
  searcher may not see.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone
from elasticsearch_dsl import Q

from search.indexing import document_id
from search.models import SearchClick

CACHE_SECONDS = 300
# The most documents a query learns (the most chosen), and the least weight worth a clause.
MAX_LEARNED = 20
MIN_WEIGHT = 0.05


def learned_choices(normalized_query: str) -> dict[str, float]:
    """Documents people chose for this query ("kind:object_id") and their weight in (0, 1].

    A weight is the sum of the decayed latest clicks of each distinct person, over
    SEARCH_LEARNING_MIN_SEARCHERS: 1 when that many people chose it lately, less as their
    choices age. One SQL query, cached five minutes per query.
    """
    if not normalized_query:
        return {}
    key = "search:learned:" + hashlib.sha256(normalized_query.encode()).hexdigest()
    weights: dict[str, float] | None = cache.get(key)
    if weights is None:
        weights = _weights(normalized_query)
        cache.set(key, weights, CACHE_SECONDS)
    return weights


def _weights(normalized_query: str) -> dict[str, float]:
    now = timezone.now()
    # One row per document and person: the person's latest click on it for this query.
    latest_clicks = (
        SearchClick.objects.filter(
            search__normalized_query=normalized_query,
            created_at__gte=now - timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS),
        )
        .values("kind", "object_id", "search__searcher")
        .annotate(latest=Max("created_at"))
        .order_by()
    )
    half_life = settings.SEARCH_LEARNING_HALF_LIFE_DAYS * 86400
    people: dict[str, int] = defaultdict(int)
    freshness: dict[str, float] = defaultdict(float)
    for row in latest_clicks:
        document = document_id(row["kind"], row["object_id"])
        age = max(0.0, (now - row["latest"]).total_seconds())
        people[document] += 1
        freshness[document] += 0.5 ** (age / half_life)
    floor = max(1, settings.SEARCH_LEARNING_MIN_SEARCHERS)
    weights = {
        document: min(1.0, freshness[document] / floor)
        for document, count in people.items()
        if count >= floor
    }
    chosen = sorted(weights, key=lambda document: (-weights[document], document))[:MAX_LEARNED]
    return {
        document: round(weights[document], 2)
        for document in chosen
        if weights[document] >= MIN_WEIGHT
    }


def learned_boost(query: Q, weights: Mapping[str, float] | None) -> Q:
    """`query` with the learned documents' scores multiplied by up to SEARCH_LEARNING_MAX_BOOST.

    A function score around the matching query, not a `should` clause beside it: it changes
    the order of what the query finds, never what it finds (a `should` would satisfy the
    query's minimum_should_match alone), and the boost is relative, whatever the scores.
    """
    if not weights:
        return query
    extra = settings.SEARCH_LEARNING_MAX_BOOST - 1
    by_weight: dict[float, list[str]] = defaultdict(list)
    for document, weight in weights.items():
        by_weight[weight].append(document)
    return Q(
        "function_score",
        query=query,
        functions=[
            {"weight": 1},
            *(
                {
                    "filter": Q("ids", values=sorted(documents)).to_dict(),
                    "weight": 1 + extra * weight,
                }
                for weight, documents in sorted(by_weight.items())
            ),
        ],
        score_mode="max",
        boost_mode="multiply",
    )
