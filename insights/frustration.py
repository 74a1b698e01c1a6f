"""Frustration in what people write, in French and English, reading negation and intensity.

A plain word list says "broken" is frustrated and "pas satisfait" is not; this scorer reads
the sentence around each cue instead:

- cues are lemmas (simplemma, with a light suffix fold as a fallback), compared without
  accents or case, so "bloquées", "bloque" and "BLOQUÉ" are one cue;
- a **negative** cue ("panne", "broken", "marre") counts, unless it is negated ("pas de
  problème", "no issue", "ne bloque plus", "sans souci"): then it counts for nothing;
- a **positive** cue ("satisfait", "marcher", "work", "répondre") negated is frustration
  ("pas satisfait", "ça ne marche pas", "doesn't work", "personne ne répond", "n'est jamais
  clair"); not negated, it eases the score a little ("merci, c'est corrigé");
- an intensifier just before a cue ("vraiment", "trop", "really", "so") weighs it more;
  persistence anywhere in the text ("toujours en panne", "encore", "again", "still broken",
  "depuis", "every time") and emphasis ("!!!", a word in capitals) weigh the whole more.

Negation reaches back three words in the same clause (articles and intensifiers do not
count: "il n'y a plus de bug"), and forward two words for French's "pas" after the verb
("ça marche pas"). The cues and their weights are data: `insights/data/frustration_cues.tsv`.
The measure against the old word list is `bench/_frustration.py`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import simplemma


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CUES_FILE = Path(__file__).parent / "data" / "frustration_cues.tsv"
THRESHOLD = 1.0

# Words that turn the meaning of a cue around. "personne" and "plus" are not here: "la
# personne qui répond" and "plus rapide" are not negations; their "ne" is.
NEGATORS_BEFORE = _words(
    "n ne pas jamais aucun aucune rien sans ni guere nullement "
    "not n't no never nobody nothing without none nor neither cannot hardly"
)
# French puts the second half of its negation after the verb: "ça (ne) marche pas".
NEGATORS_AFTER = _words("pas jamais rien guere point")
# Words that do not count in the distance between a negation and its cue.
FILLERS = _words(
    "de d du des le la l les un une y a en ca c cela ce ceci est suis sont etait ete "
    "the a an any is are was were be been am it this that there do does did have has had "
    "me m te t se s lui leur ils elle on nous vous je j tu il"
)
# A clause ends here: negation and intensity do not cross it.
BOUNDARIES = _words(". , ; : ? mais cependant pourtant sauf but however although though")
NEGATION_REACH = 3
# How much a positive word, not negated, takes off ("merci, le bug est corrigé").
EASING = 0.3
WORD = re.compile(r"n't|[^\W\d_]+|!+|\?+|[.,;:]")
LETTERS = re.compile(r"[^\W\d_]+")
SUFFIXES: tuple[str, ...] = ("ements", "ement", "aient", "ait", "ant", "ent", "ees", "ee")
SUFFIXES += ("ing", "ed", "er", "re", "es", "e", "s", "x", "u")
VOWELS = frozenset("aeiouy")
FRENCH_MARKERS = _words("le la les est pas ne je on des et une que qui pour avec ca")
ENGLISH_MARKERS = _words("the is not it and to of we this that with for does n't i")


@dataclass(frozen=True)
class Cue:
    """One word or expression of the cue list, as a sequence of token keys."""

    keys: tuple[frozenset[str], ...]
    kind: str  # negative, positive, intensifier, persistence
    weight: float
    negative_inside: bool = False


def fold(text: str) -> str:
    """Lower case without accents, curly apostrophes made straight."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _stem(word: str) -> str:
    """A crude fold of inflections, for words simplemma does not know without their accents
    ("bloquee", "decue"): strip one common ending at a time while four letters are left."""
    changed = True
    while changed:
        changed = False
        for suffix in SUFFIXES:
            rest = word[: -len(suffix)]
            if not word.endswith(suffix) or len(rest) < 4:
                continue
            if suffix == "re" and rest[-1] in VOWELS:
                continue  # "claire" is "clair" + "e", "répondre" is "répond" + "re"
            word, changed = rest, True
            break
    return word


@lru_cache(maxsize=65536)
def _keys(token: str, language: str) -> frozenset[str]:
    """What a token may match: its folded stem, and its lemma's."""
    lemma = simplemma.lemmatize(token, lang=language)
    return frozenset({_stem(fold(token)), _stem(fold(lemma))})


def _split(text: str) -> list[str]:
    """Tokens, folded, with French elisions and English contractions taken apart
    ("n'est" -> "n", "est"; "doesn't" -> "does", "n't"; "cannot" -> "can", "not")."""
    text = text.replace("’", "'").casefold()
    text = re.sub(r"\b(ca|wo)n't\b", r"\1 n't", text)
    text = re.sub(r"(\w)n't\b", r"\1 n't", text)
    text = re.sub(r"\bcannot\b", "can not", text)
    return [t if t.startswith("!") else fold(t) for t in WORD.findall(text)]


def _language(tokens: Iterable[str]) -> str:
    french = english = 0
    for token in tokens:
        french += token in FRENCH_MARKERS
        english += token in ENGLISH_MARKERS
    return "en" if english > french else "fr"


@lru_cache(maxsize=8)
def _cue_table(extra: tuple[tuple[str, str], ...] = ()) -> dict[str, list[Cue]]:
    """The cues by the first key of their first word, the built-in list and `extra`
    negative expressions (the organisation's lexicon, as (language, expression))."""
    rows: list[tuple[str, str, str, float]] = []
    for line in CUES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, kind, expression, number = line.split("\t")
            rows.append((language, kind, expression, float(number)))
    rows += [(language, "negative", expression, 1.0) for language, expression in extra]
    table: dict[str, list[Cue]] = {}
    for language, kind, expression, weight in rows:
        words = _split(expression)
        if not words:
            continue
        inside = any(word in NEGATORS_BEFORE | NEGATORS_AFTER for word in words)
        cue = Cue(tuple(_keys(word, language) for word in words), kind, weight, inside)
        for key in cue.keys[0]:
            table.setdefault(key, []).append(cue)
    for cues in table.values():
        cues.sort(key=lambda cue: -len(cue.keys))  # the longest expression first
    return table


def _match(table: dict[str, list[Cue]], keys: list[frozenset[str]], at: int) -> Cue | None:
    seen: set[int] = set()
    for key in keys[at]:
        for cue in table.get(key, ()):
            if id(cue) in seen or at + len(cue.keys) > len(keys):
                continue
            seen.add(id(cue))
            if all(keys[at + n] & cue.keys[n] for n in range(len(cue.keys))):
                return cue
    return None


def _negated(words: list[str], start: int, end: int, kinds: list[str | None]) -> bool:
    """Whether the cue in words[start:end] sits under a negation of its clause."""
    counted = 0
    for at in range(start - 1, -1, -1):
        word = words[at]
        if word in BOUNDARIES or word.startswith("!"):
            break
        if word in NEGATORS_BEFORE or (
            word == "plus" and {"n", "ne"} & set(words[max(0, at - 3) : at])
        ):
            return True
        if word in FILLERS or kinds[at] == "intensifier":
            continue
        counted += 1
        if counted >= NEGATION_REACH:
            break
    counted = 0
    for at in range(end, len(words)):
        word = words[at]
        if word in BOUNDARIES or word.startswith("!"):
            break
        if word in NEGATORS_AFTER:
            return True
        if word in FILLERS or kinds[at] in ("intensifier", "persistence"):
            continue
        break
    return False


def frustration_score(text: str, *, extra: tuple[tuple[str, str], ...] = ()) -> float:
    """How much frustration a text expresses: 0 for none, 1 or more for clear frustration.

    `extra` adds negative expressions (the organisation's lexicon, (language, expression)
    pairs); they are read with the same negation rules."""
    words = _split(text)
    if not words:
        return 0.0
    language = _language(words)
    table = _cue_table(extra)
    keys = [_keys(word, language) if word[0].isalpha() else frozenset() for word in words]
    spans: list[tuple[int, int, Cue]] = []
    kinds: list[str | None] = [None] * len(words)
    at = 0
    while at < len(words):
        cue = _match(table, keys, at) if keys[at] else None
        if cue is None:
            at += 1
            continue
        spans.append((at, at + len(cue.keys), cue))
        kinds[at : at + len(cue.keys)] = [cue.kind] * len(cue.keys)
        at += len(cue.keys)
    frustrated = eased = 0.0
    persistent = False
    for start, end, cue in spans:
        if cue.kind == "persistence":
            persistent = True
            continue
        if cue.kind not in ("negative", "positive"):
            continue
        weight = cue.weight * (1.5 if "intensifier" in kinds[max(0, start - 2) : start] else 1.0)
        # An expression that holds its own negation ("pas à la hauteur", "no point") is
        # not turned around again by the "n'" before it.
        negated = not cue.negative_inside and _negated(words, start, end, kinds)
        if (cue.kind == "negative") != negated:  # a negative as it is, or a negated positive
            frustrated += weight
        elif cue.kind == "positive":
            eased += EASING * weight
    if frustrated == 0:
        return 0.0
    if persistent:
        frustrated = frustrated * 1.5 + 0.25
    if _emphatic(text, words):
        frustrated *= 1.3
    return round(max(0.0, frustrated - eased), 3)


def _emphatic(text: str, words: list[str]) -> bool:
    """Two exclamation marks or more, or a word of four letters or more in capitals."""
    if any(len(word) > 1 for word in words if word.startswith("!")):
        return True
    capitals = [w for w in LETTERS.findall(text) if len(w) >= 4 and w.isupper()]
    return bool(capitals) and not text.isupper()


def is_frustrated(text: str, *, extra: tuple[tuple[str, str], ...] = ()) -> bool:
    """Whether a text expresses frustration (its score reaches THRESHOLD)."""
    return frustration_score(text, extra=extra) >= THRESHOLD
