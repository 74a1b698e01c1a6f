"""Relevance on the judged queries of shared/eval: success@3 and MRR@10 for each backend.

    python bench/relevance.py [--corpus FILE] [--queries FILE] [--details]

Loads the corpus with `import_content` into a throwaway PostgreSQL database, indexes it, and
asks `/api/search/` each query as a signed-in administrator.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import contextlib

from bench._setup import SHARED, bench_line, django_on_fresh_database  # noqa: E402


def evaluate(client, queries: list[dict]) -> tuple[list[dict], float, float]:
    rows = []
    for query in queries:
        response = client.get("/api/search/", {"q": query["q"], "page_size": 10})
        keys = [result["key"] for result in response.json().get("results", [])]
        rank = next((i + 1 for i, key in enumerate(keys) if key in query["expected"]), None)
        rows.append({**query, "rank": rank, "got": keys[:3]})
    success = sum(1 for row in rows if row["rank"] and row["rank"] <= 3) / len(rows)
    mrr = sum(1 / row["rank"] for row in rows if row["rank"]) / len(rows)
    return rows, success, mrr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=SHARED / "eval" / "corpus.jsonl")
    parser.add_argument("--queries", type=Path, default=SHARED / "eval" / "queries.jsonl")
    parser.add_argument("--details", action="store_true", help="Print every failed query.")
    args = parser.parse_args()

    django_on_fresh_database("ruche_bench_relevance", index_prefix="ruche_bench_relevance_")
    from django.contrib.auth.models import User
    from django.core.management import CommandError, call_command
    from django.test import Client, override_settings

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
    queries = [json.loads(line) for line in args.queries.read_text().splitlines() if line.strip()]

    print(
        f"Relevance on {len(queries)} judged queries ({args.queries.name}); "
        f"corpus lines refused by import: {len(failed_lines)}"
    )
    print(f"{'backend':<12} {'success@3':>10} {'MRR@10':>8}")
    results, scores = {}, {}
    for backend in ("database", "opensearch2"):
        with override_settings(SEARCH_BACKEND=backend):
            rebuild()
            if backend != "database":
                from search.engine import get_engine

                get_engine().refresh()
            rows, success, mrr = evaluate(client, queries)
        results[backend] = rows
        scores[backend] = (success, mrr)
        print(f"{backend:<12} {success:>10.2f} {mrr:>8.2f}")

    by_category = defaultdict(lambda: [0, 0])
    for row in results["opensearch2"]:
        by_category[row["category"]][1] += 1
        by_category[row["category"]][0] += bool(row["rank"] and row["rank"] <= 3)
    print(
        "\nopensearch2 success@3 by category: "
        + ", ".join(
            f"{category} {hits}/{total}" for category, (hits, total) in sorted(by_category.items())
        )
    )
    for backend, (success, mrr) in scores.items():
        # The target is the engine's; the embedded database backend is reported for reference.
        if backend == "database":
            bench_line("relevance success@3 (database)", success, "ratio")
        else:
            bench_line(
                f"relevance success@3 ({backend})", success, "ratio", ">= 0.9", success >= 0.9
            )
        bench_line(f"relevance MRR@10 ({backend})", mrr, "ratio")
    if args.details:
        for backend, rows in results.items():
            for row in rows:
                if not (row["rank"] and row["rank"] <= 3):
                    print(
                        f"  [{backend}] {row['q']!r} ({row['category']}): expected "
                        f"{row['expected']}, rank {row['rank']}, top 3 {row['got']}"
                    )
        for line in failed_lines[:20]:
            print(f"  import: {line}")


if __name__ == "__main__":
    main()
