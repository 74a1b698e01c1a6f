"""The unified search service: one entry point for the search page, the API and suggestions."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query as PromotionQuery
from wagtail.search.utils import normalise_query_string

from core.findable import registry
from search import database
from search.answers import answer_card, why_codes
from search.database_ranking import Terms
from search.engine import IndexMissing, SearchUnavailable, alias_name, get_engine, uses_engine
from search.indexing import ensure_index
from search.learning import learned_choices
from search.models import SearchClick, SearchQueryLog
from search.permissions import Searcher
from search.query import (
    FACETS,
    Filters,
    build_did_you_mean,
    build_search,
    build_suggest,
)
from search.results import SearchHit, SearchOutcome, is_stale, marked_html, strip_markers
from search.similar import build_similar
from search.synonyms import expand, fold
from search.understanding import Understanding, understand

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

MAX_QUERY_LENGTH = 200
# Each word becomes several clauses (fields, analysers, fuzziness, synonyms); past this many
# words the engine's 1,024-clause limit is near, and nobody types such a query anyway.
MAX_QUERY_WORDS = 24
# "Did you mean" costs a second engine request: asked only when results are few.
SUGGEST_BELOW = 5
MAX_RESULT_WINDOW = 10_000
# A look-alike must score at least this share of the best one: a weak second match next to a
# strong first one is usually a word in common, not the same idea.
SIMILAR_RELATIVE_SCORE = 0.4
# Below this many results, the strict tier is followed by the relaxed one (relaxed.py).
RELAX_BELOW = 3


def normalize_query(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip()[:MAX_QUERY_LENGTH]


def searcher_hash(user: User | AnonymousUser) -> str:
    """A stable pseudonym: counts distinct searchers without storing who searched."""
    return searcher_hash_for_id(user.pk)


def searcher_hash_for_id(user_id: int | None) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"searcher:{user_id}".encode(), hashlib.sha256
    ).hexdigest()


def within_limits(text: str) -> str:
    """The query as the engine will take it: trimmed, at most MAX_QUERY_LENGTH characters and
    MAX_QUERY_WORDS words (a symbol such as an emoji counts as a word, as the analysers see it)."""
    text = text.strip()[:MAX_QUERY_LENGTH]
    words = list(re.finditer(r"\w+|[^\w\s]", text))
    if len(words) > MAX_QUERY_WORDS:
        text = text[: words[MAX_QUERY_WORDS - 1].end()]
    return text


def run_search(
    *,
    user: User | AnonymousUser,
    text: str,
    filters: Filters | None = None,
    page: int = 1,
    page_size: int = 20,
    source: str = "page",
    facets: tuple[str, ...] = FACETS,
    log: bool = True,
) -> SearchOutcome:
    """Search everything this user may see; logs the search (first page only) for analytics.

    `facets`: the facet counts wanted (each costs a pass over all matching documents).
    `log=False`: not an employee's search (the editors' relevance desk trying a query), kept
    out of the analytics; the outcome has no `log_id` then.
    """
    text = within_limits(text)
    filters = filters or Filters()
    searcher = Searcher.for_user(user)
    variants = expand(text)
    understanding = understand(text)
    promoted = promoted_hits(text, searcher) if page == 1 and not filters.kinds else []
    if uses_engine():
        query = EngineQuery(text, variants, understanding, searcher, filters, facets)
        outcome = _engine_search(query, page, page_size, promoted)
    else:
        query = EngineQuery(text, variants, understanding, searcher, filters, facets)
        outcome = _database_search(query, page, page_size)
    if promoted:
        outcome.results = promoted + outcome.results
    outcome.answer = answer_card(outcome.results, understanding)
    if page == 1 and log:
        outcome.log_id = log_search(
            user=user, text=text, filters=filters, count=outcome.count, source=source
        ).pk
    return outcome


@dataclass(frozen=True)
class EngineQuery:
    text: str
    variants: list[str]
    understanding: Understanding
    searcher: Searcher
    filters: Filters
    facets: tuple[str, ...]


def _engine_search(
    query: EngineQuery, page: int, page_size: int, promoted: list[SearchHit]
) -> SearchOutcome:
    """The strict tier first; the relaxed one at once for a question, or when the strict
    tier finds fewer than RELAX_BELOW results (one more request, only then)."""
    if query.understanding.is_question:
        return _engine_tier(query, page, page_size, promoted, relaxed=True)
    outcome = _engine_tier(query, page, page_size, promoted, relaxed=False)
    if outcome.count < RELAX_BELOW:
        outcome = _engine_tier(query, page, page_size, promoted, relaxed=True)
    return outcome


def _engine_tier(
    query: EngineQuery, page: int, page_size: int, promoted: list[SearchHit], *, relaxed: bool
) -> SearchOutcome:
    # Engines page through the first 10,000 hits only; deeper pages come back empty.
    offset = min((page - 1) * page_size, MAX_RESULT_WINDOW)
    learned = learned_choices(normalize_query(query.text))
    body = build_search(
        query.text,
        query.variants,
        query.searcher,
        query.filters,
        offset=offset,
        size=max(0, min(page_size, MAX_RESULT_WINDOW - offset)),
        exclude_ids=[f"{hit.kind}:{hit.object_id}" for hit in promoted],
        facets=query.facets,
        understanding=query.understanding,
        relaxed=relaxed,
        learned=learned,
    ).to_dict()
    response = engine_search(body)
    hits = [_engine_hit(hit) for hit in response["hits"]["hits"]]
    for hit in hits:
        if f"{hit.kind}:{hit.object_id}" in learned:
            hit.why.append("learned")
    aggregations = response.get("aggregations", {})
    counts: dict[str, dict[str, int]] = {
        name: {b["key"]: b["doc_count"] for b in aggregations.get(name, {}).get("buckets", [])}
        for name in ("kind", "team", "tag")
    }
    periods = aggregations.get("period", {}).get("buckets", {})
    counts["period"] = {key: bucket["doc_count"] for key, bucket in periods.items()}
    total = response["hits"]["total"]["value"] + len(promoted)
    return SearchOutcome(
        query=query.text,
        count=total,
        results=hits,
        facets=counts,
        suggestion=_did_you_mean(query.text, query.searcher) if total < SUGGEST_BELOW else None,
        page=page,
        page_size=page_size,
        tier="relaxed" if relaxed else "strict",
    )


def _engine_hit(hit: dict[str, Any]) -> SearchHit:
    source = hit["_source"]
    highlight = hit.get("highlight", {})
    fragments = [
        fragment for name in ("body.fr", "body.en", "body") for fragment in highlight.get(name, [])
    ]
    best = max(fragments, key=lambda fragment: fragment.count("\ue000"), default="")
    return SearchHit(
        kind=source["kind"],
        object_id=source["object_id"],
        key=source.get("key"),
        title=strip_markers(source["title"]),
        url=source["url"],
        snippet=marked_html(best),
        date=source.get("date"),
        why=why_codes(hit),
        stale=is_stale(source.get("stale_from")),
    )


def _did_you_mean(text: str, searcher: Searcher) -> str | None:
    response = engine_search(build_did_you_mean(text, searcher).to_dict())
    for entry in response.get("suggest", {}).get("did_you_mean", []):
        for option in entry.get("options", []):
            if option.get("collate_match", True) and fold(option["text"]) != fold(text):
                suggestion: str = option["text"]
                return suggestion
    return None


def _database_search(query: EngineQuery, page: int, page_size: int) -> SearchOutcome:
    """The embedded mode: the same tiers on the database backend (database.py)."""
    matches = database.search_entries(
        query.text,
        query.variants,
        query.searcher,
        query.filters,
        query.understanding,
        relax_below=RELAX_BELOW,
    )
    terms = Terms.of(query.understanding, query.variants)
    learned = learned_choices(normalize_query(query.text))
    entries = database.rank(matches.entries, matches.origins, terms, learned)
    offset = (page - 1) * page_size
    return SearchOutcome(
        query=query.text,
        count=len(entries),
        results=[
            database.to_hit(entry, matches.origins[entry.pk], terms)
            for entry in entries[offset : offset + page_size]
        ],
        facets=matches.facets,
        page=page,
        page_size=page_size,
        tier=matches.tier,
    )


def engine_search(body: dict[str, Any]) -> dict[str, Any]:
    """Ask the unified index; checking first that it exists would cost two more requests on
    every search, so it is created only when a search finds it missing."""
    try:
        return get_engine().search(body, index=alias_name())
    except IndexMissing:
        ensure_index_or_unavailable()
        return get_engine().search(body, index=alias_name())


def ensure_index_or_unavailable() -> None:
    engine = get_engine()
    try:
        ensure_index()
    except (*engine.transport_errors, *engine.refusal_errors) as error:
        raise engine.unavailable(error) from error


def promoted_hits(text: str, searcher: Searcher) -> list[SearchHit]:
    """Editors' promoted pages for this exact query (Wagtail search promotions), if visible."""
    query = PromotionQuery.objects.filter(query_string=normalise_query_string(text)).first()
    if query is None:
        return []
    hits = []
    for pick in query.editors_picks.select_related("page").order_by("sort_order"):
        page = pick.page.specific if pick.page_id else None
        if page is None:
            continue
        for search_kind in registry.values():
            if isinstance(page, search_kind.model):
                document = search_kind.document(page)
                if document and searcher.may_see(document):
                    hits.append(
                        SearchHit(
                            kind=document.kind,
                            object_id=str(document.object_id),
                            key=document.key,
                            title=document.title,
                            url=document.url,
                            snippet=marked_html(pick.description or document.body[:180]),
                            date=document.date,
                            promoted=True,
                        )
                    )
                break
    return hits


def suggest(*, user: User | AnonymousUser, text: str, size: int = 8) -> list[SearchHit]:
    """As-you-type suggestions: titles and names that start with what was typed."""
    text = within_limits(text)
    searcher = Searcher.for_user(user)
    if not uses_engine():
        return database.suggest_hits(text, searcher, size)
    response = engine_search(build_suggest(text, searcher, size).to_dict())
    return [_engine_hit(hit) for hit in response["hits"]["hits"]]


def similar_objects(
    *, user: User | AnonymousUser, kind: str, parent: str, text: str, size: int = 5
) -> list[str]:
    """Ids of the objects of `kind` within `parent` that look like `text`, best first.

    Only what this user may see is compared. Raises SearchUnavailable when the engine cannot
    answer, or in the embedded mode, so that the caller falls back to its own comparison.
    """
    if not uses_engine():
        raise SearchUnavailable("no search engine in the embedded mode")
    text = within_limits(text)
    if not text:
        return []
    body = build_similar(text, Searcher.for_user(user), kind=kind, parent=parent, size=size)
    hits = engine_search(body.to_dict())["hits"]["hits"]
    best = hits[0]["_score"] if hits else 0
    return [
        hit["_source"]["object_id"]
        for hit in hits
        if hit["_score"] >= SIMILAR_RELATIVE_SCORE * best
    ]


def log_search(
    *, user: User | AnonymousUser, text: str, filters: Filters, count: int, source: str
) -> SearchQueryLog:
    return SearchQueryLog.objects.create(
        query=text,
        normalized_query=normalize_query(text),
        filters={key: value for key, value in vars(filters).items() if value},
        result_count=count,
        searcher=searcher_hash(user),
        source=source,
    )


def record_click(
    *, user: User | AnonymousUser, log_id: int, rank: int, kind: str, object_id: str
) -> bool:
    """Count a click on a result of one of this user's own searches; others are ignored."""
    log = SearchQueryLog.objects.filter(pk=log_id, searcher=searcher_hash(user)).first()
    if log is None:
        return False
    SearchClick.objects.create(search=log, rank=rank, kind=kind[:40], object_id=object_id[:64])
    return True


def purge_old_search_logs() -> int:
    cutoff = timezone.now() - timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS)
    deleted, _ = SearchQueryLog.objects.filter(created_at__lt=cutoff).delete()
    return deleted
