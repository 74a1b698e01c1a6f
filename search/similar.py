"""Objects like a typed text, among the siblings of one parent: the look-alike ideas shown
while an idea is being written."""

from __future__ import annotations

from elasticsearch_dsl import Q, Search

from search.permissions import Searcher
from search.query import permission_filters

# Ideas "like" a typed title: the words of the title, stemmed both ways, against the titles
# and descriptions of the other objects of the same parent.
SIMILAR_FIELDS = ["title", "title.fr", "title.en", "body.fr", "body.en"]
# Most typed words must be found: with two words both, with three two, and so on. Sharing
# one common word ("bureau", "vélo") does not make two ideas alike.
SIMILAR_MINIMUM_MATCH = "2<67%"


def build_similar(text: str, searcher: Searcher, *, kind: str, parent: str, size: int) -> Search:
    """Objects of `kind` within `parent` like `text`, ranked by more-like-this.

    More-like-this alone would let a single shared word match: it leaves out the typed words
    the index does not know, and counts a word once per field it appears in. So an object
    must also hold most typed words, in its title or description, in French or English
    (stems), or in its title with a typo.
    """
    coverage = [
        Q(
            "multi_match",
            query=text,
            fields=fields,
            type="cross_fields",
            minimum_should_match=SIMILAR_MINIMUM_MATCH,
        )
        for fields in (["title.fr", "body.fr"], ["title.en", "body.en"])
    ]
    typo_in_title = Q(
        "match",
        title={
            "query": text,
            "fuzziness": "AUTO",
            "prefix_length": 1,
            "max_expansions": 10,
            "minimum_should_match": SIMILAR_MINIMUM_MATCH,
        },
    )
    matching = Q(
        "bool",
        must=[Q("bool", should=[*coverage, typo_in_title], minimum_should_match=1)],
        should=[
            Q(
                "more_like_this",
                fields=SIMILAR_FIELDS,
                like=text,
                min_term_freq=1,
                min_doc_freq=1,
                max_query_terms=25,
            )
        ],
        filter=[Q("term", kind=kind), Q("term", parent=parent), *permission_filters(searcher)],
    )
    return Search().query(matching).extra(size=size).source(["object_id"])
