"""The relaxed tier: what a question or a paraphrase matches when its typed words do not.

The strict tier (query.text_query) wants every typed word, or all but one. A question holds
words that no page contains, so the relaxed tier asks for its meaningful words, any of them,
ranked by how many it holds and how rare they are (BM25), then for their translations in
the other language with less weight. Each clause is named, so that a hit says which of them
found it ("why this result").
"""

from __future__ import annotations

from collections.abc import Callable

from elasticsearch_dsl import Q

from search.understanding import MAX_MEANINGFUL_WORDS, Understanding

# Skills, job titles and teams are where a person's matter lies; bodies hold bios and pages.
RELAXED_FIELDS = [
    "title^3",
    "title.fr^2.5",
    "title.en^2.5",
    "suggestions^2",
    "tags^2.5",
    "teams^1.5",
    "body",
    "body.fr",
    "body.en",
]
TYPO_FIELDS = ["title^2", "suggestions^2", "tags^2", "teams"]
# Engine clauses per word: for one word of query.text_query (each field of each of its matches,
# the fuzzy and prefix ones), and for any_words (a field each, and the fuzzy ones).
STRICT_COST = 34
ANY_COST = len(RELAXED_FIELDS) + 2 * len(TYPO_FIELDS)
PHRASE_COST = 6 * 4 * 2  # pairs, fields, words
# The typed query weighs most, then its meaningful words, then their translations.
MEANINGFUL_WEIGHT = 0.9
RELAXED_WEIGHT = 0.35
TRANSLATION_WEIGHT = 0.25
RELATED_WEIGHT = 0.2
PAIR_WEIGHT = 1.0
# Two words swapped ("salle de réunion", "meeting room") are three moves apart.
PAIR_SLOP = 3
PAIR_FIELDS = ["title.fr", "title.en", "body.fr", "body.en"]
# Intent: a "who…" question prefers people and teams, a "how…" one guides and pages.
INTENT_KINDS = {"people": (["person", "team"], 4.0), "howto": (["page"], 1.6)}

# Names of the clauses, as hits report them (matched_queries) and "why" shows them.
TYPED, SYNONYM, RELAXED, TRANSLATION, RELATED = (
    "typed",
    "synonym",
    "relaxed",
    "translation",
    "related",
)


def any_words(text: str, weight: float, name: str, *, typos: bool = False) -> Q:
    """Documents holding any of the words, best first: more words and rarer words first;
    with `typos`, also with a typo in a short field (each word's typo automaton costs the
    engine milliseconds, so only the typed words get one, not their translations)."""
    clauses = [
        Q(
            "multi_match",
            query=text,
            fields=RELAXED_FIELDS,
            type="most_fields",
            operator="or",
            boost=weight,
        )
    ]
    if typos:
        clauses.append(
            Q(
                "multi_match",
                query=text,
                fields=TYPO_FIELDS,
                fuzziness="AUTO",
                prefix_length=1,
                max_expansions=10,
                operator="or",
                boost=weight * 0.3,
            )
        )
    return Q("bool", should=clauses, minimum_should_match=1, _name=name)


def side_by_side(pairs: list[str]) -> Q:
    """Texts holding a pair of translated words close together, in either order."""
    return Q(
        "bool",
        should=[
            Q("match_phrase", **{field: {"query": pair, "slop": PAIR_SLOP}})
            for pair in pairs
            for field in PAIR_FIELDS
        ],
        # Unnamed: a named phrase clause made the engine drop every name of the hits it
        # matched; the words of the pair are found, and named, by the translation clause.
        boost=PAIR_WEIGHT,
    )


def relaxed_clauses(
    understanding: Understanding, strict_query: Callable[[str, float], Q], *, typed: tuple
) -> list[tuple[Q, int]]:
    """The relaxed tier's clauses, best first, each with its cost in engine clauses: the
    typed query (`typed`, unless the question is long: its meaningful words stand for it),
    the meaningful words in every way the strict tier matches, any of them, their
    translations, the words related to them."""
    meaningful = understanding.meaningful_text
    count = len(understanding.meaningful)
    clauses = [] if len(understanding.text.split()) > MAX_MEANINGFUL_WORDS else [typed]
    if understanding.drops_words or not clauses:
        strict = Q("bool", should=[strict_query(meaningful, MEANINGFUL_WEIGHT)], _name=TYPED)
        clauses.append((strict, STRICT_COST * count))
    clauses.append((any_words(meaningful, RELAXED_WEIGHT, RELAXED, typos=True), ANY_COST * count))
    if understanding.translations:
        translated = any_words(understanding.translated_text, TRANSLATION_WEIGHT, TRANSLATION)
        clauses.append((translated, ANY_COST * len(understanding.translated_text.split())))
    if understanding.translated_pairs:
        clauses.append((side_by_side(understanding.translated_pairs), PHRASE_COST))
    if understanding.related:
        related = any_words(understanding.related_text, RELATED_WEIGHT, RELATED)
        clauses.append((related, ANY_COST * len(understanding.related_text.split())))
    return clauses


def intent_functions(understanding: Understanding | None) -> list[dict]:
    """function_score functions that favour the kinds the question asks for."""
    if understanding is None or understanding.intent not in INTENT_KINDS:
        return []
    kinds, weight = INTENT_KINDS[understanding.intent]
    return [{"filter": Q("terms", kind=kinds).to_dict(), "weight": weight}]


def reached_words(understanding: Understanding | None) -> list[str]:
    """What the relaxed tier searches beyond the typed words: translations, related words."""
    if understanding is None:
        return []
    words = []
    if understanding.translations:
        words.append(understanding.translated_text)
    if understanding.related:
        words.append(understanding.related_text)
    return words
