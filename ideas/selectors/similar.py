"""Similar ideas while an employee types a title.

The search engine answers where it is configured (more-like-this within the challenge, on
what this employee may see). Without it, or while it is down, the database fallback compares
meaningful words (accents, case, plurals and common words ignored) between the typed title
and each idea of the same challenge. Both err on the side of silence: an idea is shown only
when it shares enough of the title's words, so false positives stay rare (measured on a
labelled set in `tests/ideas/test_similar.py`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from django.db.models.functions import Left

from ideas.models import ChallengePage, Idea
from search.engine import SearchUnavailable
from search.services import similar_objects

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

_STOPWORDS_TEXT = """
    a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur
    leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa
    se ses son sur ta te tes toi ton tu un une vos votre vous plus moins tout tous toutes
    faire fait mettre avoir etre sont est ete chaque afin entre sans sous chez nouveau
    nouvelle nouveaux nouvelles mieux bien tres trop peu
    the an and or of to in on for with at by from is are be this that these those our your
    their we you they it its as into about more less new better all each
    idee idees proposition proposer permettre
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+")
TITLE_WEIGHT = 1.0
DESCRIPTION_WEIGHT = 0.75
THRESHOLD = 0.5


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    """A deliberately crude stem: no plural, at most six letters (imprimante ≈ imprimantes)."""
    for suffix in ("ements", "ement", "ations", "ation", "ions", "ion", "es", "s", "x"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


def keywords(text: str) -> set[str]:
    return {
        stem(word)
        for word in _WORD.findall(_fold(text))
        if len(word) > 2 and word not in STOPWORDS and not word.isdigit()
    }


def similarity(query: set[str], title: set[str], description: set[str]) -> float:
    """Share of the typed words found in the idea, title words counting more.

    A single shared word is not enough for a query of several words: "bureau" alone must
    not pair every idea about offices.
    """
    if not query:
        return 0.0
    in_title = len(query & title)
    in_description = len((query - title) & description)
    shared = TITLE_WEIGHT * in_title + DESCRIPTION_WEIGHT * in_description
    needed = 1.0 if len(query) == 1 else 1.5
    if shared < needed or (in_title == 0 and in_description < 3):
        # Words found only in a description are weak evidence: it takes three of them.
        return 0.0
    return shared / len(query)


def meaningful_words(text: str) -> list[str]:
    """The typed words, common words left out (they would make every idea look alike)."""
    return [
        word
        for word in re.findall(r"\w+", text.lower())
        if len(word) > 2 and _fold(word) not in STOPWORDS and not word.isdigit()
    ]


def similar_ideas(
    challenge: ChallengePage, title: str, limit: int = 5, *, user: User | AnonymousUser
) -> list[Idea]:
    """Ideas of this challenge that look like `title`, best first, among those `user` sees."""
    words = meaningful_words(title)
    if not words:
        return []
    try:
        ids = similar_objects(
            user=user, kind="idea", parent=str(challenge.pk), text=" ".join(words), size=limit
        )
    except SearchUnavailable:
        return similar_in_database(challenge, title, limit)
    # The index may lag a moment behind moderation: the database has the last word.
    found = Idea.objects.visible().filter(challenge=challenge).in_bulk([int(pk) for pk in ids])
    return [found[int(pk)] for pk in ids if int(pk) in found]


def similar_in_database(challenge: ChallengePage, title: str, limit: int = 5) -> list[Idea]:
    """The fallback: ideas of this challenge sharing enough meaningful words with `title`."""
    query = keywords(title)
    if not query:
        return []
    rows = (
        Idea.objects.visible()
        .filter(challenge=challenge)
        .annotate(start=Left("description", 1500))
        .values_list("pk", "title", "start")
    )
    scored = []
    for pk, idea_title, start in rows:
        score = similarity(query, keywords(idea_title), keywords(start or ""))
        if score >= THRESHOLD:
            scored.append((score, pk))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    ranked = [pk for _score, pk in scored[:limit]]
    found = Idea.objects.in_bulk(ranked)
    return [found[pk] for pk in ranked]
