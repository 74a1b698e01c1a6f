"""What the search page shows about its results beyond titles: why each one was found, and
the passage that answers a question (the answer card, DESIGN.md §3 `answer`)."""

from __future__ import annotations

import re
from typing import Any

from search.query import MARK_START, WHY_FIELDS
from search.relaxed import RELATED, RELAXED, SYNONYM, TRANSLATION, TYPED
from search.results import SearchHit
from search.synonyms import fold
from search.understanding import STOP_WORDS, Understanding

BODY_FIELDS = ("body", "body.fr", "body.en")
MARKED = re.compile(r"<mark>(.*?)</mark>")
# A passage answers when it holds this share of the question's meaningful words (at least
# one, at most two): a single shared common word does not make an answer.
ANSWER_WORDS = 2
ANSWER_AMONG = 3
ANSWER_LENGTH = 240
STEM = 5
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def why_codes(hit: dict[str, Any]) -> list[str]:
    """The fields that hold the query's words, then how the query reached them."""
    highlight = hit.get("highlight", {})
    codes = [name for name in WHY_FIELDS if any(MARK_START in f for f in highlight.get(name, []))]
    if any(MARK_START in f for name in BODY_FIELDS for f in highlight.get(name, [])):
        codes.append("body")
    matched = set(hit.get("matched_queries", []))
    if SYNONYM in matched and TYPED not in matched:
        codes.append(SYNONYM)
    if TRANSLATION in matched:
        codes.append(TRANSLATION)
    if RELATED in matched and not matched & {TYPED, SYNONYM}:
        codes.append(RELATED)
    if matched and not matched & {TYPED, SYNONYM}:
        codes.append(RELAXED)
    return codes


def answer_card(hits: list[SearchHit], understanding: Understanding) -> dict | None:
    """The passage of one of the first results that answers the question, if any.

    The hits are what this user may see; the passage is their snippet, already escaped, with
    `<mark>` as its only markup.
    """
    if not understanding.is_question:
        return None
    needed = min(ANSWER_WORDS, len(understanding.meaningful))
    for hit in hits[:ANSWER_AMONG]:
        passage = _marked_sentences(hit.snippet)
        # Marked stop words ("de", "the") are not what makes a passage an answer; the
        # question's words in the source's title count with the passage's.
        marked = {fold(word) for word in MARKED.findall(passage)} - STOP_WORDS
        # One word counts once, whatever its form ("réserver", "réservation").
        found = {word[:STEM] for word in marked | _words_in_title(hit.title, understanding)}
        if passage and len(found) >= needed:
            return {
                "text": passage,
                "key": hit.key,
                "url": hit.url,
                "kind": hit.kind,
                "title": hit.title,
                "date": hit.date,
            }
    return None


def _words_in_title(title: str, understanding: Understanding) -> set[str]:
    """The question's words (or their translations) that a title holds, by their first
    letters: "connect" is in "Se connecter au VPN"."""
    title_words = [fold(word) for word in re.findall(r"\w+", title)]
    asked = [*understanding.meaningful, *understanding.translations]
    return {
        fold(word)
        for word in asked
        if len(word) > 2
        and any(t.startswith(fold(word)[:STEM]) and len(t) > 2 for t in title_words)
    }


def _marked_sentences(snippet: str) -> str:
    """The sentences of a snippet that hold marked words, within ANSWER_LENGTH characters."""
    kept: list[str] = []
    for sentence in SENTENCE_END.split(snippet):
        if "<mark>" in sentence and sum(map(len, kept)) + len(sentence) <= ANSWER_LENGTH:
            kept.append(sentence)
    return " ".join(kept).strip()
