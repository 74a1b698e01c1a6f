"""The unified search query, built with elasticsearch-dsl (OpenSearch 2 and Elasticsearch 8)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from elasticsearch_dsl import A, Q, Search

from search.learning import learned_boost
from search.permissions import Searcher
from search.relaxed import (
    STRICT_COST,
    SYNONYM,
    TYPED,
    intent_functions,
    reached_words,
    relaxed_clauses,
)
from search.understanding import Understanding, without_stop_words, words_of

# Title matches weigh most; French and English stems catch inflections; the folded fields catch
# exact words and acronyms, whatever the accents and case.
TEXT_FIELDS = [
    "title^4",
    "title.fr^3",
    "title.en^3",
    "suggestions^3",
    "tags^2.5",
    "teams^1.5",
    "body",
    "body.fr",
    "body.en",
]
CROSS_FIELDS = ["title^3", "suggestions^2", "tags^2", "teams^1.5", "body"]
CROSS_FIELDS_FR = ["title.fr^3", "body.fr"]
CROSS_FIELDS_EN = ["title.en^3", "body.en"]
# Typos are forgiven in short fields only: fuzzy matching over long bodies costs much and
# mostly finds noise.
FUZZY_FIELDS = ["title^3", "suggestions^3", "tags^2", "teams"]
HIGHLIGHT_FIELDS = ["body", "body.fr", "body.en"]
# Short fields are highlighted whole, only to tell which of them matched ("why this result").
WHY_FIELDS = ["title", "tags", "teams", "suggestions"]
FRESH_KINDS = ["news", "leadership_update"]
NEWS_FLOOR = 0.7
# A document past its `stale_from` (a page overdue for review) weighs this much of a fresh one.
STALE_FACTOR = 0.5
# How many clauses a query may hold (the engine refuses past 1,024), with room left for the
# filters; relaxed.STRICT_COST is what one word of text_query costs.
CLAUSE_BUDGET = 900
PERIODS = {"week": "now-7d/d", "month": "now-30d/d", "year": "now-365d/d"}
FACETS = ("kind", "team", "tag", "period")
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass
class Filters:
    kinds: Sequence[str] = field(default_factory=list)
    team: str | None = None
    tag: str | None = None
    period: str | None = None


def text_query(text: str, weight: float = 1.0) -> Q:
    """Every way a text may match: all words, across fields, most words, with typos, as prefix."""
    cross_fields = [
        Q(
            "multi_match",
            query=text,
            fields=fields,
            type="cross_fields",
            operator="and",
            boost=2 * weight,
        )
        for fields in (CROSS_FIELDS, CROSS_FIELDS_FR, CROSS_FIELDS_EN)
    ]
    return Q(
        "bool",
        should=[
            Q(
                "multi_match",
                query=text,
                fields=TEXT_FIELDS,
                type="best_fields",
                operator="and",
                boost=3 * weight,
            ),
            *cross_fields,
            # All words but one: a word in the other language or a stray word does not hide
            # an otherwise good match.
            Q(
                "multi_match",
                query=text,
                fields=TEXT_FIELDS,
                type="most_fields",
                minimum_should_match="1<-1",
                boost=0.5 * weight,
            ),
            Q(
                "multi_match",
                query=text,
                fields=FUZZY_FIELDS,
                fuzziness="AUTO",
                prefix_length=1,
                max_expansions=20,
                operator="and",
                boost=0.8 * weight,
            ),
            Q("match_phrase", title={"query": text, "boost": 4 * weight}),
            Q(
                "match",
                **{"title.ngram": {"query": text, "operator": "and", "boost": 0.5 * weight}},
            ),
        ],
        minimum_should_match=1,
    )


def permission_values(searcher: Searcher) -> dict[str, Any]:
    """What opens restricted documents to this person, and the moment of the search."""
    return {
        "moment": timezone.now().isoformat(),
        "team_ids": searcher.team_ids,
        "group_ids": searcher.group_ids,
        "visible_community_ids": searcher.visible_community_ids,
        "readable_community_ids": searcher.readable_community_ids,
        # a guest's: only the kinds opened to guests (none: a kind no document has)
        **({} if searcher.kinds is None else {"kinds": list(searcher.kinds) or [""]}),
        **({} if searcher.language is None else {"language": searcher.language}),
    }


def permission_filters(searcher: Searcher, values: dict[str, Any] | None = None) -> list[Q]:
    """What this person may find, inside the query (counts, facets and pages agree).

    A clause reads "not restricted" as "not marked restricted", so that documents indexed
    before a restriction field existed stay found until they are re-indexed. `values`
    replaces `permission_values(searcher)` (the placeholders of a template).
    """
    values = values or permission_values(searcher)
    # Nobody, administrators included, finds a scheduled document before its time.
    timely = Q("bool", must_not=[Q("range", visible_from={"gt": values["moment"]})])
    kinds = [Q("terms", kind=values["kinds"])] if "kinds" in values else []
    if "kinds" in values:
        # A guest: only documents of their communities, whatever the kind opened to guests.
        kinds.append(Q("term", restricted_to_communities=True))
    if "language" in values:
        # One document per translated set: the reader's version where it exists.
        kinds.append(
            Q(
                "bool",
                should=[
                    Q("term", language=values["language"]),
                    Q("bool", must_not=[Q("term", translations=values["language"])]),
                ],
                minimum_should_match=1,
            )
        )
    if searcher.sees_everything:
        return [timely, *kinds]

    def gate(access: str, ids: Any) -> Q:
        return Q("bool", filter=[Q("term", community_access=access), Q("terms", community_ids=ids)])

    return [
        timely,
        *kinds,
        Q(
            "bool",
            should=[
                Q("term", restricted_to_teams=False),
                Q("terms", audience_team_ids=values["team_ids"]),
            ],
            minimum_should_match=1,
        ),
        Q(
            "bool",
            should=[
                Q("term", restricted_to_groups=False),
                Q("terms", group_ids=values["group_ids"]),
            ],
            minimum_should_match=1,
        ),
        Q(
            "bool",
            should=[
                Q("bool", must_not=[Q("term", restricted_to_communities=True)]),
                gate("see", values["visible_community_ids"]),
                gate("read", values["readable_community_ids"]),
            ],
            minimum_should_match=1,
        ),
    ]


def permission_template(searcher: Searcher, query: Q) -> tuple[str, dict[str, Any]]:
    """`query` restricted to what this person may find, as a search template and its params.

    The engine compiles each distinct template once and refuses more than a few dozen
    compilations in five minutes: the template is the same for every searcher (one for
    administrators), their ids and the moment are its params.
    """
    values = permission_values(searcher)
    strings = [name for name in ("moment", "language") if name in values]
    lists = [name for name in values if name not in strings]
    # The moment and language stay quoted strings; the lists are written out as JSON.
    placeholders = {
        **{name: f"{{{{{name}}}}}" for name in strings},
        **{name: f"\ue002{name}\ue002" for name in lists},
    }
    source = json.dumps(
        Q("bool", must=[query], filter=permission_filters(searcher, placeholders)).to_dict()
    )
    for name in lists:
        # Spaced: "}}}" right after a tag would read as a triple mustache.
        tag = f" {{{{#toJson}}}}{name}{{{{/toJson}}}} "
        source = source.replace(json.dumps(placeholders[name]), tag)
    return source, values


def facet_filters(filters: Filters) -> list[Q]:
    clauses = []
    if filters.kinds:
        clauses.append(Q("terms", kind=filters.kinds))
    if filters.team:
        clauses.append(Q("term", **{"teams.raw": filters.team}))
    if filters.tag:
        clauses.append(Q("term", **{"tags.raw": filters.tag}))
    if filters.period in PERIODS:
        clauses.append(Q("range", date={"gte": PERIODS[filters.period]}))
    return clauses


def scored(query: Q, understanding: Understanding | None = None) -> Q:
    """Recent news rank a little higher; people rank by profile completeness (`boost`); the
    kinds a question asks for ("qui…", "comment…") rank higher; what may be out of date (past
    its `stale_from`) ranks lower."""
    intent = intent_functions(understanding)
    if intent:
        query = Q("function_score", query=query, functions=intent, boost_mode="multiply")
    freshness = Q(
        "function_score",
        query=query,
        functions=[
            {"filter": Q("bool", must_not=[Q("terms", kind=FRESH_KINDS)]).to_dict(), "weight": 1},
            # News age, reference pages do not: this month's news weigh half as much again
            # as a page, last year's less than one.
            {"filter": Q("terms", kind=FRESH_KINDS).to_dict(), "weight": NEWS_FLOOR},
            {
                "filter": Q("terms", kind=FRESH_KINDS).to_dict(),
                "gauss": {"date": {"origin": "now", "scale": "180d", "offset": "7d", "decay": 0.5}},
                "weight": 1.5 - NEWS_FLOOR,
            },
        ],
        score_mode="sum",
        boost_mode="multiply",
    )
    boosted = Q(
        "function_score",
        query=freshness,
        field_value_factor={"field": "boost", "missing": 1.0},
        boost_mode="multiply",
    )
    # A document no function matches keeps its score (the functions' score is then 1).
    return Q(
        "function_score",
        query=boosted,
        functions=[
            {"filter": Q("range", stale_from={"lte": "now"}).to_dict(), "weight": STALE_FACTOR}
        ],
        boost_mode="multiply",
    )


def within_budget(candidates: list[tuple[Q, int]]) -> list[Q]:
    """The clauses, best first, that fit in the engine's limit on a query's clauses (1,024:
    a long question and its synonyms, translations and related words would pass it). The
    first always goes in: a typed query of MAX_QUERY_WORDS words fits on its own."""
    kept: list[Q] = []
    spent = 0
    for clause, cost in candidates:
        if kept and spent + cost > CLAUSE_BUDGET:
            continue
        kept.append(clause)
        spent += cost
    return kept


def build_search(
    text: str,
    variants: list[str],
    searcher: Searcher,
    filters: Filters,
    *,
    offset: int,
    size: int,
    exclude_ids: Sequence[str] = (),
    facets: tuple[str, ...] = FACETS,
    understanding: Understanding | None = None,
    relaxed: bool = False,
    learned: dict[str, float] | None = None,
) -> Search:
    """The search body. `relaxed` adds the relaxed tier (relaxed.py) to the strict one; the
    understanding of the query also says which kinds it asks for; `learned`: documents
    people chose for this text (search.learning)."""
    typed = Q("bool", should=[text_query(text)], _name=TYPED)
    candidates = [(typed, STRICT_COST * len(words_of(text)))]
    if relaxed and understanding is not None:
        candidates = relaxed_clauses(understanding, text_query, typed=candidates[0])
    candidates += [
        (Q("bool", should=[text_query(v, 0.8)], _name=SYNONYM), STRICT_COST * len(words_of(v)))
        for v in variants
    ]
    should = within_budget(candidates)
    matching = Q(
        "bool",
        should=should,
        minimum_should_match=1,
        filter=permission_filters(searcher),
        must_not=[Q("ids", values=list(exclude_ids))] if exclude_ids else [],
    )
    matching = learned_boost(matching, learned)
    search = (
        Search()
        .query(scored(matching, understanding))
        .extra(from_=offset, size=size, track_total_hits=True)
    )
    post = facet_filters(filters)
    if post:
        search = search.post_filter(Q("bool", filter=post))
    # Facets count every matching document: only those the caller shows are asked for.
    if "kind" in facets:
        search.aggs.bucket("kind", A("terms", field="kind", size=20))
    if "team" in facets:
        search.aggs.bucket("team", A("terms", field="teams.raw", size=15))
    if "tag" in facets:
        search.aggs.bucket("tag", A("terms", field="tags.raw", size=15))
    if "period" in facets:
        search.aggs.bucket(
            "period",
            A(
                "date_range",
                field="date",
                keyed=True,
                ranges=[{"key": key, "from": start} for key, start in PERIODS.items()],
            ),
        )
    # Only the body gives snippets; offsets stored in the index keep highlighting cheap. The
    # words to mark come from a plain match of the typed text (and its synonyms): taken from
    # the whole query instead, the fuzzy and prefix clauses made highlighting cost more than
    # the search itself.
    # The meaningful words only: marking "de" or "the" says nothing about why a result came.
    reached = reached_words(understanding) if relaxed else []
    words = list(map(without_stop_words, [text, *variants, *reached]))
    marked = Q(
        "bool",
        should=[
            Q("multi_match", query=one, fields=[*HIGHLIGHT_FIELDS, *WHY_FIELDS]) for one in words
        ],
    ).to_dict()
    search = search.highlight(
        "body",
        "body.fr",
        "body.en",
        type="unified",
        fragment_size=180,
        number_of_fragments=1,
        no_match_size=180,
        highlight_query=marked,
    )
    search = search.highlight(
        *WHY_FIELDS, type="unified", number_of_fragments=0, highlight_query=marked
    )
    search = search.highlight_options(
        pre_tags=[MARK_START], post_tags=[MARK_END], require_field_match=False
    )
    search = search.source(["kind", "object_id", "key", "url", "title", "date", "stale_from"])
    return search


def build_did_you_mean(text: str, searcher: Searcher) -> Search:
    """A corrected query, only if it finds something this user may see (collate)."""
    source, params = permission_template(
        searcher, Q("match", spell={"query": "{{suggestion}}", "operator": "and"})
    )
    return (
        Search()
        .extra(size=0)
        .suggest(
            "did_you_mean",
            text,
            phrase={
                "field": "spell",
                "size": 1,
                "max_errors": 2,
                "confidence": 1.0,
                "direct_generator": [
                    {"field": "spell", "suggest_mode": "always", "min_word_length": 3}
                ],
                "collate": {
                    "query": {"source": source},
                    "params": params,
                    "prune": False,
                },
            },
        )
    )


def build_suggest(text: str, searcher: Searcher, size: int) -> Search:
    """As-you-type: titles and names starting with what was typed."""
    matching = Q(
        "bool",
        should=[
            Q(
                "multi_match",
                query=text,
                type="bool_prefix",
                operator="and",
                fields=["title.ngram^3", "suggestions.ngram^2"],
            ),
            Q("match_phrase_prefix", title={"query": text, "boost": 2}),
        ],
        minimum_should_match=1,
        filter=permission_filters(searcher),
    )
    return (
        Search()
        .query(scored(matching))
        .extra(size=size)
        .source(["kind", "object_id", "key", "url", "title"])
    )
