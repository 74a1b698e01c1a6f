"""Frustration accuracy on the labelled sentences, the new scorer against the old word list.

    .venv/bin/python bench/_frustration.py

Reads `insights/data/frustration_labelled.tsv` (French and English workplace sentences, each
labelled frustrated or not, split into a dev part the scorer's cues were tuned on and a
held-out part never looked at while tuning) and prints, on the held-out part, accuracy,
precision, recall and F1 for `insights.frustration.is_frustrated` and for the word list it
replaces (`insights/data/frustration_lexicon.tsv`, a whole-word match without case or
accents, as `insights.detection` did), then the time each takes per sentence.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from insights.frustration import fold, is_frustrated  # noqa: E402

DATA = REPO / "insights" / "data"
LABELLED = DATA / "frustration_labelled.tsv"
WORD_LIST = DATA / "frustration_lexicon.tsv"


@dataclass(frozen=True)
class Scores:
    accuracy: float
    precision: float
    recall: float
    f1: float
    microseconds: float


def labelled(part: str = "held-out") -> list[tuple[str, str, bool]]:
    """(language, text, frustrated) of one part of the labelled set: "dev" or "held-out"."""
    rows = []
    for line in LABELLED.read_text(encoding="utf-8").splitlines()[1:]:
        split, language, frustrated, text = line.split("\t")
        if split == part:
            rows.append((language, text, frustrated == "1"))
    return rows


def word_list_matcher() -> Callable[[str], bool]:
    """Today's rule: the text holds one expression of the word list."""
    expressions = [line.split("\t")[1] for line in WORD_LIST.read_text("utf-8").splitlines()]
    patterns = [re.compile(rf"(?<!\w){re.escape(fold(e))}(?!\w)") for e in expressions]
    return lambda text: any(pattern.search(fold(text)) for pattern in patterns)


def measure(predict: Callable[[str], bool], rows: list[tuple[str, str, bool]]) -> Scores:
    """Accuracy, precision, recall, F1 of `predict` on `rows`, and its time per sentence."""
    started = time.perf_counter()
    predicted = [predict(text) for _language, text, _frustrated in rows]
    elapsed = time.perf_counter() - started
    truth = [frustrated for _language, _text, frustrated in rows]
    hits = sum(p and t for p, t in zip(predicted, truth, strict=True))
    precision = hits / sum(predicted) if any(predicted) else 0.0
    recall = hits / sum(truth) if any(truth) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    correct = sum(p == t for p, t in zip(predicted, truth, strict=True))
    return Scores(correct / len(rows), precision, recall, f1, elapsed / len(rows) * 1e6)


def report(part: str = "held-out") -> dict[str, Scores]:
    """Print and return the figures of the new scorer and of the old word list on `part`."""
    rows = labelled(part)
    is_frustrated("warm-up")  # reads the cue list once, outside the timing
    results = {
        "scorer": measure(is_frustrated, rows),
        "word list": measure(word_list_matcher(), rows),
    }
    frustrated = sum(row[2] for row in rows)
    print(f"Frustration on the {part} sentences: {len(rows)}, {frustrated} frustrated")
    print(f"{'':10} {'accuracy':>9} {'precision':>9} {'recall':>9} {'F1':>9} {'µs/sentence':>12}")
    for name, scores in results.items():
        print(
            f"{name:10} {scores.accuracy:9.3f} {scores.precision:9.3f} {scores.recall:9.3f}"
            f" {scores.f1:9.3f} {scores.microseconds:12.1f}"
        )
    return results


if __name__ == "__main__":
    report(sys.argv[1] if len(sys.argv) > 1 else "held-out")
