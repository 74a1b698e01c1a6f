"""From a text to the terms signals count: lemmas and key phrases, in French or English.

A term is a lemma (simplemma, the text's language guessed between French and English), folded
to lower case without accents, so that "pannes" and "panne", "breaks" and "broken" count as
one; or a key phrase, two or three consecutive lemmas once stop words are dropped ("panne de
l'imprimante" gives "panne imprimante"); or a tag, as "#tag". Punctuation ends a phrase.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import simplemma

LANGUAGES = ("fr", "en")
PHRASE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"«»…\n|/]+")
TOKEN = re.compile(r"[^\W\d_]+")
MIN_LETTERS = 3
LONGEST_PHRASE = 3
MAX_TERM_LENGTH = 200


def fold(text: str) -> str:
    """Lower case without accents, so that "Télétravail" and "teletravail" are one term."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


STOPWORDS = frozenset(
    fold(word)
    for word in (Path(__file__).parent / "data" / "stopwords.txt").read_text("utf-8").split()
)


def language_of(text: str) -> str:
    """ "fr" or "en", the more likely of the two (French, the default, when unsure)."""
    guesses = simplemma.langdetect(text, lang=LANGUAGES)
    best, score = guesses[0]
    return best if best in LANGUAGES and score > 0 else LANGUAGES[0]


@lru_cache(maxsize=200_000)
def lemma(token: str, language: str) -> str:
    """The folded lemma of one word (the word itself when simplemma does not know it)."""
    return fold(simplemma.lemmatize(token.casefold(), lang=language))


def _content_lemmas(chunk: str, language: str) -> list[str]:
    found = []
    for token in TOKEN.findall(chunk):
        if len(token) < MIN_LETTERS or fold(token) in STOPWORDS:
            continue
        word = lemma(token, language)
        if len(word) >= MIN_LETTERS and word not in STOPWORDS:
            found.append(word)
    return found


def key_phrases(lemmas: Sequence[str]) -> Iterable[str]:
    """Runs of two and three consecutive lemmas (no word twice in one phrase)."""
    for size in range(2, LONGEST_PHRASE + 1):
        for start in range(len(lemmas) - size + 1):
            words = lemmas[start : start + size]
            if len(set(words)) == size:
                yield " ".join(words)


def terms_of(text: str, tags: Sequence[str] = ()) -> set[str]:
    """Every term of a text: its lemmas, its key phrases and its tags (#tag)."""
    language = language_of(text)
    terms: set[str] = set()
    for chunk in PHRASE_BREAK.split(text):
        lemmas = _content_lemmas(chunk, language)
        terms.update(lemmas)
        terms.update(key_phrases(lemmas))
    terms.update(f"#{fold(tag).strip()}" for tag in tags if tag.strip())
    return {term[:MAX_TERM_LENGTH] for term in terms}


def is_phrase(term: str) -> bool:
    return " " in term
