"""The embedded mode's ranking, "why this result" and snippets (database.py finds the entries).

The database backend's own scores cannot be compared across the queries of the tiers, so the
entries are ordered here: first those holding every typed word (or a synonym's), then by how
many of the meaningful words they hold, their translations and related words counting half;
then those of the kinds the question asks for (people, guides), then those whose titles,
names or tags hold the words, then by boost. Words are compared lower case, without accents,
with a plural or a final "e" taken off, and long words as beginnings ("travail" holds
"travailler"), since SQLite's index has no stemming.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from search.folding import fold, normal
from search.indexing import document_id
from search.models import SearchEntry
from search.query import MARK_END, MARK_START, WHY_FIELDS
from search.relaxed import INTENT_KINDS, RELATED, SYNONYM, TRANSLATION, TYPED
from search.results import SearchHit, is_stale, marked_html
from search.understanding import Understanding, words_of

# How an entry was found: by every meaningful word (a question's), or with the words taken
# as beginnings of words (autocomplete).
MEANINGFUL, PREFIX = "meaningful", "prefix"
WORD = re.compile(r"\w+")
# A word this long also holds the longer words it begins ("travail", "travailler").
BEGINNING_LENGTH = 6
OTHER_WEIGHT = 0.5
# French and English compounds: "télétravailler" holds "travailler", "autoformation" holds
# "formation" (but "information" does not).
COMPOUND_PREFIXES = ("tele", "auto", "co", "cyber", "inter", "multi", "visio", "eco", "micro")
SENTENCE_END = re.compile(r"[.!?;:]\s")


def _compounded(word: str) -> list[str]:
    """What a compound word holds after its prefix ("teletravail": "travail")."""
    return [word[len(start) :] for start in COMPOUND_PREFIXES if word.startswith(start)]


def fold_aligned(text: str) -> str:
    """Lower case without accents, one character for one, so positions stay valid."""
    return "".join((fold(char) or char)[:1] for char in text)


def _phrases(texts: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    found: dict[tuple[str, ...], None] = {}
    for text in texts:
        words = tuple(normal(word) for word in words_of(text))
        if words:
            found[words] = None
    return tuple(found)


@dataclass(frozen=True)
class Terms:
    """The words an entry is compared with: the meaningful ones, and the others (synonym
    variants, translations, related words), each a phrase of normal words; and the kinds of
    answer the query asks for (its intent)."""

    meaningful: tuple[tuple[str, ...], ...]
    others: tuple[tuple[str, ...], ...]
    prefix: bool = False
    intent: str | None = None

    @classmethod
    def of(cls, understanding: Understanding, variants: list[str], *, prefix: bool = False):
        meaningful = _phrases(understanding.meaningful)
        extra = [*variants, *understanding.translations, *understanding.related]
        others = tuple(phrase for phrase in _phrases(extra) if phrase not in meaningful)
        return cls(meaningful, others, prefix, understanding.intent)

    def words(self) -> set[str]:
        return {word for phrase in (*self.meaningful, *self.others) for word in phrase}


class FieldWords:
    """The distinct normal words of a text, sorted, to look words and beginnings up."""

    def __init__(self, text: str) -> None:
        words = {normal(word) for word in WORD.findall(text)}
        self.words = sorted(words | {rest for word in words for rest in _compounded(word)})

    def holds_word(self, word: str, prefix: bool) -> bool:
        index = bisect.bisect_left(self.words, word)
        if index == len(self.words):
            return False
        found = self.words[index]
        if found == word:
            return True
        return (prefix or len(word) >= BEGINNING_LENGTH) and found.startswith(word)

    def holds(self, phrase: tuple[str, ...], prefix: bool) -> bool:
        return all(self.holds_word(word, prefix) for word in phrase)


def _fields(entry: SearchEntry) -> dict[str, FieldWords]:
    return {
        name: FieldWords(getattr(entry, name))
        for name in [*WHY_FIELDS, "body"]
        if getattr(entry, name)
    }


def _held(fields: dict[str, FieldWords], phrases, prefix: bool, names=None) -> int:
    return len(_holding(fields, phrases, prefix, names))


def _holding(fields: dict[str, FieldWords], phrases, prefix: bool, names=None) -> set:
    chosen = [fields[name] for name in names or fields if name in fields]
    return {phrase for phrase in phrases if any(one.holds(phrase, prefix) for one in chosen)}


def rank(
    entries: list[SearchEntry],
    origins: dict[int, set[str]],
    terms: Terms,
    learned: dict[str, float] | None = None,
) -> list[SearchEntry]:
    """Entries found by every typed word first, then by how many of the words they hold,
    intent, how rare the words are among what was found, the words in titles, names and
    tags, what people chose for this text (`learned`, search.learning), boost, and the
    backend's order."""
    learned = learned or {}
    wanted = INTENT_KINDS[terms.intent][0] if terms.intent in INTENT_KINDS else None
    fields = {entry.pk: _fields(entry) for entry in entries}
    held = {pk: _holding(one, terms.meaningful, terms.prefix) for pk, one in fields.items()}
    # Rarer words weigh more when entries hold as many words (the rare one is the subject).
    frequency = Counter(phrase for found in held.values() for phrase in found)
    rarity = {phrase: math.log(1 + len(entries) / count) for phrase, count in frequency.items()}

    def key(item):
        position, entry = item
        one = fields[entry.pk]
        strict = bool(origins.get(entry.pk, set()) & {TYPED, SYNONYM})
        others = min(_held(one, terms.others, terms.prefix), len(terms.meaningful) or 1)
        named = _held(one, terms.meaningful, terms.prefix, ["title"]) + OTHER_WEIGHT * _held(
            one, terms.meaningful, terms.prefix, WHY_FIELDS[1:]
        )
        return (
            not strict,
            -(len(held[entry.pk]) + OTHER_WEIGHT * others),
            bool(wanted) and entry.kind not in wanted,
            -round(sum(rarity[phrase] for phrase in held[entry.pk]), 6),
            -named,
            # Equally relevant, what may be out of date comes after what is not.
            is_stale(entry.stale_from),
            -learned.get(document_id(entry.kind, entry.object_id), 0.0),
            -entry.boost,
            position,
        )

    return [entry for _, entry in sorted(enumerate(entries), key=key)]


def why(entry: SearchEntry, origins: set[str], terms: Terms) -> list[str]:
    """The fields that hold the query's words, then how the query reached them (the codes
    of answers.why_codes)."""
    fields = _fields(entry)
    phrases = (*terms.meaningful, *terms.others)
    codes = [name for name in [*WHY_FIELDS, "body"] if _held(fields, phrases, terms.prefix, [name])]
    if SYNONYM in origins and TYPED not in origins:
        codes.append(SYNONYM)
    if TRANSLATION in origins:
        codes.append(TRANSLATION)
    if RELATED in origins and not origins & {TYPED, SYNONYM, MEANINGFUL}:
        codes.append(RELATED)
    if origins and not origins & {TYPED, SYNONYM, MEANINGFUL}:
        codes.append("relaxed")
    return codes


def to_hit(entry: SearchEntry, origins: set[str], terms: Terms) -> SearchHit:
    return SearchHit(
        kind=entry.kind,
        object_id=entry.object_id,
        key=entry.key or None,
        title=entry.title,
        url=entry.url,
        snippet=snippet(entry.body, terms),
        date=entry.date,
        why=why(entry, origins, terms),
        stale=is_stale(entry.stale_from),
    )


def snippet(body: str, terms: Terms, width: int = 180) -> str:
    """The passage of the body that holds the most of the query's words, words marked."""
    words = terms.words()
    folded = fold_aligned(body)

    def marked(word: str) -> bool:
        return any(
            found in words
            or any(
                found.startswith(one)
                for one in words
                if terms.prefix or len(one) >= BEGINNING_LENGTH
            )
            for found in [normal(word), *_compounded(normal(word))]
        )

    spans = [match.span() for match in WORD.finditer(folded) if marked(match[0])][:200]
    start = _best_start(folded, spans, width)
    end = start + width
    pieces, cursor = [], start
    for begin, finish in spans:
        if begin < start or finish > end:
            continue
        pieces += [body[cursor:begin], MARK_START, body[begin:finish], MARK_END]
        cursor = finish
    pieces.append(body[cursor:end])
    return marked_html("".join(pieces))


def _best_start(folded: str, spans: list[tuple[int, int]], width: int) -> int:
    """Where the window holding the most distinct marked words begins, at a sentence's
    beginning when one is near."""
    best, best_count = 0, 0
    for begin, _ in spans:
        start = max(0, begin - width // 3)
        inside = {folded[a:b] for a, b in spans if start <= a and b <= start + width}
        if len(inside) > best_count:
            best, best_count = start, len(inside)
            sentence = max((m.end() for m in SENTENCE_END.finditer(folded, best, begin)), default=0)
            if sentence:
                best = sentence
    return best
