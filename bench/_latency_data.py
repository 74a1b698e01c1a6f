"""Generated intranet content and queries for bench/search_latency.py.

Words are drawn from a Zipf-like vocabulary whose most frequent words are those of the judged
corpus; queries are built from the same vocabulary: keyword queries as employees type them, and
questions wrapped around its words ("comment … ?", "who knows about …?"). Nothing here comes
from the judged queries or their answers.
"""

from __future__ import annotations

import itertools
import json
import random
import re

from bench._setup import SHARED

CORPUS = SHARED / "eval" / "corpus.jsonl"
VOCABULARY_SIZE = 40_000
TEXT_KEYS = ("title", "body", "description", "job_title", "skills", "tags", "name", "bio", "terms")
FIRST = "Camille Léa Hugo Louis Chloé Jules Inès Adam Manon Nathan Zoé Hélène Marc Priya".split()
LAST = "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Nguyen Raman".split()
# Share of each kind in a company intranet, with the length of a body in words (min, max).
KINDS = {
    "person": (0.35, (8, 30)),
    "page": (0.15, (120, 700)),
    "news": (0.2, (80, 400)),
    "idea": (0.2, (15, 120)),
    "leadership_update": (0.04, (150, 500)),
    "challenge": (0.03, (40, 200)),
    "team": (0.03, (5, 25)),
}
SYLLABLES = (
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me "
    "mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve "
    "vi vo tion ment eur ique age ance ette on an in er or al"
).split()
# How employees ask, in French and in English; {a} and {b} are words of the vocabulary.
QUESTIONS = (
    "comment {a} ?",
    "comment faire pour {a} {b} ?",
    "où trouver le {a} ?",
    "qui s'occupe du {a} {b} ?",
    "qui connaît {a} ?",
    "combien de {a} pour un {b} ?",
    "est-ce que je peux {a} pendant le {b} ?",
    "quelle est la procédure pour {a}",
    "quand a lieu le {a} {b} ?",
    "pourquoi mon {a} ne marche pas",
    "how do I get a {a} for {b}?",
    "who knows about {a}?",
    "where can I find the {a} {b}",
    "what is the policy on {a}?",
    "can I {a} during the {b}?",
)


class Vocabulary:
    """Words ranked by frequency, drawn with a Zipf-like law (a word's weight is 1/rank).

    The most frequent words are those of the judged corpus (real intranet words, French and
    English); generated words fill the long tail, as names of products, places and jargon do.
    """

    def __init__(self, rng: random.Random, size: int = VOCABULARY_SIZE):
        counts: dict[str, int] = {}
        for line in CORPUS.read_text().splitlines():
            record = json.loads(line)
            for value in (record.get(name, "") for name in TEXT_KEYS):
                for word in re.findall(r"[^\W\d_]{3,}", str(value).lower()):
                    counts[word] = counts.get(word, 0) + 1
        words = sorted(counts, key=lambda word: -counts[word])
        seen = set(words)
        while len(words) < size:
            word = "".join(rng.choices(SYLLABLES, k=rng.choice([2, 3, 3, 4])))
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) ** 1.05 for rank in range(size)))

    def draw(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def term(self, rng: random.Random) -> str:
        """A word someone would search for: not one of the most common little words."""
        while True:
            word = self.draw(rng, 1)[0]
            if len(word) > 3 and self.words.index(word) > 40:
                return word

    def rare(self, rng: random.Random) -> str:
        return rng.choice(self.words[len(self.words) // 20 :])


def generated_documents(count: int, rng: random.Random, vocabulary: Vocabulary):
    """`count` SearchDocuments of every kind, in the shares of KINDS."""
    from core.findable import SearchDocument

    kinds = list(KINDS)
    shares = [KINDS[kind][0] for kind in kinds]
    for number in range(count):
        kind = rng.choices(kinds, weights=shares)[0]
        low, high = KINDS[kind][1]
        if kind == "person":
            title = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        else:
            title = " ".join(vocabulary.draw(rng, rng.randint(3, 9))).capitalize()
        yield SearchDocument(
            kind=kind,
            object_id=str(number),
            title=title,
            url=f"/{kind}/{number}/",
            body=" ".join(vocabulary.draw(rng, rng.randint(low, high))),
            tags=vocabulary.draw(rng, rng.randint(0, 3)),
            teams=[f"Équipe {number % 40}"],
            audience_team_ids=[number % 40] if number % 5 == 0 else None,
            boost=1.0 + (number % 3) / 10,
        )


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    at = rng.randrange(1, len(word) - 1)
    return (
        word[:at] + word[at + 1 :]
        if rng.random() < 0.5
        else word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    )


def generated_queries(count: int, rng: random.Random, vocabulary: Vocabulary) -> list[str]:
    """What employees type: a frequent word, a rare one, two words, a typo, a name."""
    queries = []
    for _ in range(count):
        shape = rng.random()
        if shape < 0.3:
            queries.append(vocabulary.term(rng))
        elif shape < 0.45:
            queries.append(vocabulary.rare(rng))
        elif shape < 0.75:
            queries.append(f"{vocabulary.term(rng)} {vocabulary.term(rng)}")
        elif shape < 0.9:
            queries.append(typo(vocabulary.term(rng), rng))
        else:
            queries.append(f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    return queries


def generated_questions(count: int, rng: random.Random, vocabulary: Vocabulary) -> list[str]:
    """Questions as employees type them, around words of the vocabulary (one in ten with a
    typo, one in ten asking for a person by name)."""
    questions = []
    for _ in range(count):
        shape = rng.random()
        if shape < 0.1:
            questions.append(f"qui est {rng.choice(FIRST)} {rng.choice(LAST)} ?")
            continue
        a, b = vocabulary.term(rng), vocabulary.term(rng)
        if shape < 0.2:
            a = typo(a, rng)
        questions.append(rng.choice(QUESTIONS).format(a=a, b=b))
    return questions


def keyword_prefixes(count: int, rng: random.Random, vocabulary: Vocabulary) -> list[str]:
    """The beginning of a word or name, as the suggestions see it while someone types."""
    return [
        rng.choice([vocabulary.term(rng), rng.choice(LAST)])[: rng.choice([3, 4, 5])]
        for _ in range(count)
    ]


def question_prefixes(questions: list[str], rng: random.Random) -> list[str]:
    """Each question cut while it is typed: after its first word, inside a later word."""
    prefixes = []
    for question in questions:
        first = question.find(" ") + 1
        at = rng.randrange(first + 2, max(first + 3, len(question.rstrip(" ?"))))
        prefixes.append(question[:at])
    return prefixes
