"""Lower case without accents, and without plural marks: how queries and documents compare."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normal(word: str) -> str:
    """A word folded, without a plural mark or a final "e": "Congés" and "congé" agree."""
    word = fold(word)
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    if len(word) > 4 and word[-1] == "e":
        word = word[:-1]
    return word
