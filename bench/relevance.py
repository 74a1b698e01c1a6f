"""Relevance on the judged queries of shared/eval, for each backend, and the cost of each tier.

    python bench/relevance.py [--corpus FILE] [--queries FILE ...] [--repeat N] [--details]
                              [--suffix NAME]

Loads the corpus with `import_content` into a throwaway PostgreSQL database, indexes it, and
asks `/api/search/` each query of each judged file (by default the keyword set `queries.jsonl`
and the question set `questions.jsonl`) as a signed-in administrator, on the database backend
and on the engine. Reports, side by side: success@3, MRR@10, the zero-result rate (share of
queries whose response has `count == 0`) and success@3 per category, with the targets of
DESIGN.md §5; then the API time of the queries answered by the strict tier and by the relaxed
one (the response's `tier`), each query timed --repeat times after the judged pass.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import (  # noqa: E402
    SHARED,
    add_suffix_argument,
    bench_line,
    bench_names,
    django_on_fresh_database,
    percentile,
)

BACKENDS = ("database", "opensearch2")
EVAL = SHARED / "eval"
DEFAULT_QUERIES = (EVAL / "queries.jsonl", EVAL / "questions.jsonl")
# DESIGN.md §5: success@3 on the engine and on the database backend, and the zero-result rate
# on the engine (None: no target).
TARGETS = {
    "keywords": {"engine": 0.95, "database": 0.80, "zero": None},
    "questions": {"engine": 0.85, "database": 0.50, "zero": 0.0},
}


@dataclass
class Judged:
    """One judged file: its queries and, once asked, one row per query and backend."""

    path: Path
    queries: list[dict]
    rows: dict[str, list[dict]] = field(default_factory=dict)
    times: dict[str, dict[str, list[float]]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """ "keywords" or "questions" (which targets apply), from the file's name."""
        return "questions" if "question" in self.path.stem else "keywords"

    @property
    def name(self) -> str:
        stem = self.path.stem
        return self.label if stem in ("queries", "questions") else f"{self.label}:{stem}"


def load(path: Path) -> Judged:
    lines = path.read_text(encoding="utf-8").splitlines()
    return Judged(path, [json.loads(line) for line in lines if line.strip()])


def ask(client, text: str) -> tuple[dict, float]:
    """The API's answer to one query (an `error` key when it is not 200) and its time in ms."""
    started = time.perf_counter()
    response = client.get("/api/search/", {"q": text, "page_size": 10})
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        return {"count": 0, "results": [], "error": response.status_code}, elapsed
    return response.json(), elapsed


def evaluate(client, judged: Judged, backend: str, repeat: int) -> None:
    """The judged pass (which also warms up), then `repeat` timed passes split by tier."""
    rows = []
    for query in judged.queries:
        answer, _ = ask(client, query["q"])
        keys = [result["key"] for result in answer.get("results", [])]
        rank = next((i + 1 for i, key in enumerate(keys) if key in query["expected"]), None)
        rows.append(
            {
                **query,
                "rank": rank,
                "count": answer.get("count"),
                "tier": answer.get("tier"),
                "error": answer.get("error"),
                "got": [(result["key"], result["title"]) for result in answer["results"][:3]],
            }
        )
    judged.rows[backend] = rows
    times: dict[str, list[float]] = {}
    for _ in range(repeat):
        for query in judged.queries:
            answer, elapsed = ask(client, query["q"])
            times.setdefault(answer.get("tier") or "none", []).append(elapsed)
    judged.times[backend] = times


def success(rows: list[dict]) -> float:
    return sum(1 for row in rows if row["rank"] and row["rank"] <= 3) / len(rows)


def mrr(rows: list[dict]) -> float:
    return sum(1 / row["rank"] for row in rows if row["rank"] and row["rank"] <= 10) / len(rows)


def zero_rate(rows: list[dict]) -> float:
    return sum(1 for row in rows if row["count"] == 0) / len(rows)


def verdict(
    value: float, target: float | None, *, at_most: bool = False
) -> tuple[str, bool | None]:
    """The target as text and whether it is met; ("", None) when there is none."""
    if target is None:
        return "", None
    if at_most:
        return (f"= {target:g}" if target == 0 else f"<= {target:g}"), value <= target
    return f">= {target:.2f}", value >= target


def mark(ok: bool | None) -> str:
    return {True: "met", False: "NOT MET", None: ""}[ok]


def summary(judged_files: list[Judged]) -> None:
    """The side-by-side table, then its BENCH lines."""
    print(
        f"\n{'set':<12} {'backend':<12} {'n':>3}  {'success@3':>9} {'target':<16} "
        f"{'MRR@10':>6}  {'zero-result':>11} {'target':<12}"
    )
    lines = []
    for judged in judged_files:
        targets = TARGETS[judged.label]
        for backend in BACKENDS:
            rows = judged.rows[backend]
            hit, mean, zero = success(rows), mrr(rows), zero_rate(rows)
            side = "database" if backend == "database" else "engine"
            hit_target, hit_ok = verdict(hit, targets[side])
            zero_target, zero_ok = verdict(
                zero, targets["zero"] if side == "engine" else None, at_most=True
            )
            print(
                f"{judged.name:<12} {backend:<12} {len(rows):>3}  {hit:>9.2f} "
                f"{f'{hit_target} {mark(hit_ok)}':<16} {mean:>6.2f}  {zero:>11.2f} "
                f"{f'{zero_target} {mark(zero_ok)}':<12}"
            )
            what = f"{judged.name} ({backend})"
            lines.append((f"relevance success@3, {what}", hit, "ratio", hit_target, hit_ok))
            lines.append((f"relevance MRR@10, {what}", mean, "ratio", "", None))
            lines.append((f"zero-result rate, {what}", zero, "ratio", zero_target, zero_ok))
    for line in lines:
        bench_line(*line)


def categories(judged: Judged) -> None:
    """success@3 per category of one judged file, each backend side by side."""
    names = sorted({query["category"] for query in judged.queries})
    print(f"\n{judged.name}: success@3 by category")
    print(f"  {'category':<20} {'n':>3}  " + "  ".join(f"{backend:>11}" for backend in BACKENDS))
    for category in names:
        cells = []
        for backend in BACKENDS:
            rows = [row for row in judged.rows[backend] if row["category"] == category]
            hits = sum(1 for row in rows if row["rank"] and row["rank"] <= 3)
            cells.append(f"{hits:>5}/{len(rows):<5}")
        total = sum(1 for query in judged.queries if query["category"] == category)
        print(f"  {category:<20} {total:>3}  " + "  ".join(f"{cell:>11}" for cell in cells))


def tiers(judged_files: list[Judged], repeat: int) -> None:
    """p50/p95 of the API time by the tier that answered, per set and backend."""
    print(f"\nAPI time by tier (each query {repeat}x after the judged pass; in-process client)")
    print(f"  {'set':<12} {'backend':<12} {'tier':<8} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for judged in judged_files:
        for backend in BACKENDS:
            for tier, values in sorted(judged.times[backend].items()):
                p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
                print(
                    f"  {judged.name:<12} {backend:<12} {tier:<8} {len(values):>8} "
                    f"{p50:>8.1f} {p95:>8.1f}"
                )
                if tier in ("strict", "relaxed"):
                    what = f"{judged.name} ({backend})"
                    bench_line(f"search API p50, {tier} tier, {what}", p50, "ms")
                    bench_line(f"search API p95, {tier} tier, {what}", p95, "ms")
    if all(set(j.times[b]) == {"none"} for j in judged_files for b in BACKENDS):
        print("  (the API does not say which tier answered yet: no `tier` in its responses)")


def details(judged_files: list[Judged], failed_lines: list[str]) -> None:
    """Every query that failed: its rank, count, tier and the first three results."""
    for judged in judged_files:
        for backend in BACKENDS:
            for row in judged.rows[backend]:
                if row["rank"] and row["rank"] <= 3:
                    continue
                status = f"error {row['error']}" if row["error"] else f"count {row['count']}"
                got = "; ".join(f"{key} «{title}»" for key, title in row["got"]) or "nothing"
                print(
                    f"  [{judged.name} {backend}] {row['q']!r} ({row['category']}): expected "
                    f"{row['expected']}, rank {row['rank']}, {status}, tier {row['tier']}; "
                    f"top 3: {got}"
                )
    for line in failed_lines[:20]:
        print(f"  import: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=EVAL / "corpus.jsonl")
    parser.add_argument(
        "--queries",
        type=Path,
        action="append",
        help="A judged file (repeatable); default: queries.jsonl and questions.jsonl.",
    )
    parser.add_argument("--repeat", type=int, default=3, help="Timed passes over each file.")
    parser.add_argument("--details", action="store_true", help="Print every failed query.")
    add_suffix_argument(parser)
    args = parser.parse_args()
    judged_files = [load(path) for path in args.queries or DEFAULT_QUERIES]

    database, prefix = bench_names("ruche_bench_relevance", args.suffix)
    django_on_fresh_database(database, index_prefix=prefix)
    from django.contrib.auth.models import User
    from django.core.management import CommandError, call_command
    from django.test import Client, override_settings

    from search.engine import get_engine
    from search.indexing import rebuild

    errors = io.StringIO()
    with contextlib.suppress(CommandError):
        call_command(
            "import_content", str(args.corpus), "--no-progress", stdout=io.StringIO(), stderr=errors
        )
    failed_lines = errors.getvalue().strip().splitlines()
    admin = User.objects.create_superuser("bench-admin", "bench@example.org", "x")
    client = Client()
    client.force_login(admin)

    print(
        "Relevance on "
        + ", ".join(f"{len(j.queries)} judged queries ({j.path.name})" for j in judged_files)
        + f"; corpus lines refused by import: {len(failed_lines)}"
    )
    for backend in BACKENDS:
        with override_settings(SEARCH_BACKEND=backend):
            rebuild()
            if backend != "database":
                get_engine().refresh()
            for judged in judged_files:
                evaluate(client, judged, backend, args.repeat)

    summary(judged_files)
    for judged in judged_files:
        categories(judged)
    tiers(judged_files, args.repeat)
    if args.details:
        print("\nFailed queries:")
        details(judged_files, failed_lines)


if __name__ == "__main__":
    main()
