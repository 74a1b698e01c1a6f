"""French ↔ English word translations from the FreeDict dictionaries, read at query time.

A query in one language finds content written in the other without an editor writing a
synonym for every word: each meaningful word of the query is looked up here and its
translations are searched too, with less weight (query.py).

The dictionaries are Debian's `dict-freedict-fra-eng` and `dict-freedict-eng-fra` (dictd
format, GPL-2+), installed on the machine by the operator (`make search-dictionaries`, the
Docker image) and read where they lie (`SEARCH_DICTIONARY_DIR`): Ruche ships neither them nor
anything derived from them. Without them, search works as before, in one language at a time.

Each direction is completed by the other one read backwards ("formation" → "training" also
gives "training" → "formation"), which doubles what a small dictionary covers.
"""

from __future__ import annotations

import gzip
import logging
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

from django.conf import settings

from search.synonyms import fold

logger = logging.getLogger(__name__)

LANGUAGES = ("fr", "en")
FILES = {("fr", "en"): "freedict-fra-eng", ("en", "fr"): "freedict-eng-fra"}
BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
# The first senses are the common ones; past a few, translations mostly add noise.
MAX_TRANSLATIONS = 4
# An entry: a headword line ("maison /mɛzɔ̃/ <n, fem>"), then senses, one per line, each
# possibly numbered ("1. home"), translations separated by commas or semicolons.
SENSE_NUMBER = re.compile(r"^\s*\d+\.\s*")
PRONUNCIATION_OR_GRAMMAR = re.compile(r"/[^/]*/|<[^>]*>|\([^)]*\)|\[[^]]*]")


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + BASE64.index(char)
    return value


def _senses(entry: str) -> list[str]:
    lines = entry.splitlines()[1:]
    found: list[str] = []
    for line in lines:
        line = PRONUNCIATION_OR_GRAMMAR.sub(" ", SENSE_NUMBER.sub("", line))
        for piece in re.split(r"[,;]", line):
            piece = " ".join(piece.split())
            if piece and piece not in found and len(piece) < 40:
                found.append(piece)
    return found


def _read(name: str) -> dict[str, list[str]]:
    """Headword (folded) -> translations, in the dictionary's order."""
    folder = Path(settings.SEARCH_DICTIONARY_DIR)
    index_path, data_path = folder / f"{name}.index", folder / f"{name}.dict.dz"
    if not (index_path.exists() and data_path.exists()):
        return {}
    data = gzip.decompress(data_path.read_bytes())
    entries: dict[str, list[str]] = defaultdict(list)
    for line in index_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00database"):
            continue
        start, length = _number(parts[1]), _number(parts[2])
        entry = data[start : start + length].decode("utf-8", errors="replace")
        for translation in _senses(entry):
            if translation not in entries[fold(parts[0])]:
                entries[fold(parts[0])].append(translation)
    return dict(entries)


@cache
def _lexicon(source: str, target: str) -> dict[str, list[str]]:
    forward = _read(FILES[(source, target)])
    merged: dict[str, list[str]] = {word: list(found) for word, found in forward.items()}
    # The other direction read backwards: each of its translations points to its headword.
    for headword, translations in _read(FILES[(target, source)]).items():
        for translation in translations:
            if " " in translation:
                continue
            known = merged.setdefault(fold(translation), [])
            if headword not in map(fold, known):
                known.append(headword)
    if not merged:
        logger.info("No %s-%s dictionary in %s", source, target, settings.SEARCH_DICTIONARY_DIR)
    return merged


def available() -> bool:
    return bool(_lexicon("fr", "en")) and bool(_lexicon("en", "fr"))


def translate(word: str, source: str, target: str) -> list[str]:
    """The translations of one word (a headword or a lemma) from `source` into `target`."""
    return _lexicon(source, target).get(fold(word), [])[:MAX_TRANSLATIONS]


def knows(word: str, language: str) -> bool:
    """Whether `word` is a headword of the dictionary from `language`."""
    other = "en" if language == "fr" else "fr"
    return fold(word) in _lexicon(language, other)
