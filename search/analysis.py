"""Index settings and mapping of the unified search index.

Every text is indexed three ways: French stemming, English stemming, and "folded" (lower case,
no accents, no elision, no stemming) for exact words, acronyms and typo matching. Titles and
suggestions also get edge n-grams for as-you-type. Synonyms are not in the analysis: they are
expanded at query time from the editors' list, so editing them needs no reindex.
"""

from typing import Any

from django.conf import settings

FRENCH_ELISION = [
    "l",
    "m",
    "t",
    "qu",
    "n",
    "s",
    "j",
    "d",
    "c",
    "jusqu",
    "quoiqu",
    "lorsqu",
    "puisqu",
]

ANALYSIS = {
    "filter": {
        "ruche_elision": {"type": "elision", "articles": FRENCH_ELISION, "articles_case": True},
        "ruche_french_stem": {"type": "stemmer", "language": "light_french"},
        "ruche_english_stem": {"type": "stemmer", "language": "english"},
        "ruche_english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "ruche_edge_ngram": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
        "ruche_shingle": {"type": "shingle", "min_shingle_size": 2, "max_shingle_size": 3},
    },
    "analyzer": {
        "ruche_folded": {
            "tokenizer": "standard",
            "filter": ["ruche_elision", "lowercase", "asciifolding"],
        },
        "ruche_french": {
            "tokenizer": "standard",
            "filter": ["ruche_elision", "lowercase", "asciifolding", "ruche_french_stem"],
        },
        "ruche_english": {
            "tokenizer": "standard",
            "filter": [
                "ruche_english_possessive",
                "lowercase",
                "asciifolding",
                "ruche_english_stem",
            ],
        },
        "ruche_autocomplete": {
            "tokenizer": "standard",
            "filter": ["ruche_elision", "lowercase", "asciifolding", "ruche_edge_ngram"],
        },
        "ruche_spell": {
            "tokenizer": "standard",
            "filter": ["ruche_elision", "lowercase", "asciifolding", "ruche_shingle"],
        },
    },
}


def _text(
    *, autocomplete: bool = False, copy_to: list[str] | None = None, offsets: bool = False
) -> dict:
    extra = {"index_options": "offsets"} if offsets else {}
    fields = {
        "fr": {"type": "text", "analyzer": "ruche_french", **extra},
        "en": {"type": "text", "analyzer": "ruche_english", **extra},
    }
    if autocomplete:
        fields["ngram"] = {
            "type": "text",
            "analyzer": "ruche_autocomplete",
            "search_analyzer": "ruche_folded",
        }
    mapping = {"type": "text", "analyzer": "ruche_folded", "fields": fields, **extra}
    if copy_to:
        mapping["copy_to"] = copy_to
    return mapping


def _label() -> dict:
    return {
        "type": "text",
        "analyzer": "ruche_folded",
        "fields": {"raw": {"type": "keyword"}},
        "copy_to": ["spell"],
    }


MAPPINGS: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "kind": {"type": "keyword"},
        "object_id": {"type": "keyword"},
        "key": {"type": "keyword"},
        "parent": {"type": "keyword"},
        "url": {"type": "keyword", "index": False},
        "title": _text(autocomplete=True, copy_to=["spell"]),
        # Bodies are not fed to "did you mean": their word pairs doubled the index and the
        # indexing time, and corrections drawn from titles, names and tags read better.
        "body": _text(offsets=True),
        "suggestions": _text(autocomplete=True, copy_to=["spell"]),
        "tags": _label(),
        "teams": _label(),
        "spell": {"type": "text", "analyzer": "ruche_spell"},
        "language": {"type": "keyword"},
        # The languages of the document's other versions: "translated into the reader's".
        "translations": {"type": "keyword"},
        "date": {"type": "date"},
        "audience_team_ids": {"type": "long"},
        "group_ids": {"type": "long"},
        "restricted_to_teams": {"type": "boolean"},
        "restricted_to_groups": {"type": "boolean"},
        "community_ids": {"type": "long"},
        "community_access": {"type": "keyword"},
        "restricted_to_communities": {"type": "boolean"},
        "visible_from": {"type": "date"},
        "boost": {"type": "float"},
        "stale_from": {"type": "date"},
    },
}


def index_body() -> dict:
    """A new unified index: shards and replicas from the settings (SEARCH_SHARDS and
    SEARCH_REPLICAS), the analysers and the mapping."""
    return {
        "settings": {
            "index": dict(settings.SEARCH_INDEX_REPLICATION),
            "analysis": ANALYSIS,
        },
        "mappings": MAPPINGS,
    }
