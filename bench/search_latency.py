"""Search latency with 100,000 indexed objects: the API and suggestions against the engine.

    python bench/search_latency.py [--documents 100000] [--queries 300] [--rebuild-index]
                                   [--suffix NAME] [--profile]

Indexes generated documents of every kind into a throwaway index (kept for the next run: an
index of the same size, content and mapping is reused unless --rebuild-index), serves Ruche
with gunicorn on PostgreSQL, then times `/api/search/` and `/api/search/suggest/` over HTTP
for keyword queries and for questions, both made of the bench's own vocabulary. The engine's
own time is that of the very engine requests each API call made, measured in the same run
inside the server (bench/_engine_timing.py): what the engine says it took, and the round trip.
Queries are split by the `tier` the API says answered them ("strict" or "relaxed").
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._engine_timing import HEADER, RECORD_HEADER  # noqa: E402
from bench._latency_data import (  # noqa: E402
    Vocabulary,
    generated_documents,
    generated_queries,
    generated_questions,
    keyword_prefixes,
    question_prefixes,
)
from bench._setup import (  # noqa: E402
    REPO,
    add_suffix_argument,
    bench_line,
    bench_names,
    django_on_fresh_database,
    percentile,
)

TARGET_DOCUMENTS = 100_000
# Bump when generated_documents changes: an index built by another version is not reused.
GENERATOR_VERSION = 1


def index_signature(count: int) -> dict:
    """What the reused index must have been built from: size, generator and mapping."""
    from search.analysis import index_body

    mapping = json.dumps(index_body(), sort_keys=True, default=str)
    return {
        "bench_documents": count,
        "bench_generator": GENERATOR_VERSION,
        "bench_mapping": hashlib.sha256(mapping.encode()).hexdigest()[:16],
    }


def existing_signature(engine) -> dict | None:
    names = engine.indices_behind_alias()
    if len(names) != 1:
        return None
    mapping = engine.client.indices.get_mapping(index=names[0])[names[0]]["mappings"]
    return mapping.get("_meta")


def index_documents(count: int, vocabulary: Vocabulary, *, reuse: bool) -> float | None:
    """Index `count` generated documents; None when `reuse` found them indexed already."""
    from search.analysis import index_body
    from search.engine import alias_name, get_engine
    from search.indexing import document_id, engine_source, new_index_name

    engine = get_engine()
    signature = index_signature(count)
    # The bench user's own profile is indexed too: one document more than generated.
    if (
        reuse
        and existing_signature(engine) == signature
        and sum(engine.count_by_kind().values()) >= count
    ):
        return None
    for old in engine.indices_behind_alias():
        engine.delete_index(old)
    name = new_index_name()
    body = index_body()
    body["mappings"] = {**body["mappings"], "_meta": signature}
    body["settings"]["index"] = {**body["settings"]["index"], "refresh_interval": "-1"}
    engine.create_index(name, body)
    rng = random.Random(42)
    started = time.perf_counter()
    print(f"indexing {count:,} generated documents...", flush=True)
    engine.bulk(
        (
            {
                "_op_type": "index",
                "_index": name,
                "_id": document_id(doc.kind, doc.object_id),
                "_source": engine_source(doc),
            }
            for doc in generated_documents(count, rng, vocabulary)
        ),
        threads=2,
    )
    engine.put_settings(name, {"index": {"refresh_interval": None}})
    engine.refresh(name)
    elapsed = time.perf_counter() - started
    engine.update_aliases([{"add": {"index": name, "alias": alias_name()}}])
    return elapsed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """Ruche under gunicorn (two sync workers), with the engine's time in a header."""

    def __init__(self, token: str):
        self.token = token
        self.port = free_port()
        self.connection: http.client.HTTPConnection | None = None
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "bench._engine_timing:application()",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            # No embedded scheduler: its reconciliation would remove the generated documents
            # (no object in the database behind them) while the bench measures.
            env={**os.environ, "EMBEDDED_SCHEDULER": "0"},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz/")[0] == 200:
                    return
            except (OSError, http.client.HTTPException):
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def get(self, path: str, record: str = "") -> tuple[int, bytes, dict[str, float]]:
        """Status, body and the engine's figures of one request; `record` labels the engine
        bodies it sends, for --profile."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Authorization": f"Bearer {self.token}"}
        if record:
            headers[RECORD_HEADER] = record
        try:
            self.connection.request("GET", path, headers=headers)
            response = self.connection.getresponse()
            figures = engine_figures(response.getheader(HEADER))
            return response.status, response.read(), figures
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def engine_figures(value: str | None) -> dict[str, float]:
    """{"took": ms, "round_trip": ms, "calls": n} from the header; empty when absent."""
    if not value:
        return {}
    return {name: float(figure) for name, figure in (part.split("=") for part in value.split(";"))}


def measure(
    server: Server, queries: list[str], prefixes: list[str], label: str = ""
) -> dict[str, list]:
    """Time each query's search and its prefix's suggestions over HTTP (the engine bodies of
    the searches recorded under `label` when one is given)."""
    found: dict[str, list] = {
        name: []
        for name in ("api", "took", "round_trip", "calls", "tier", "count")
        + ("suggest", "suggest_took")
    }
    for query, prefix in zip(queries, prefixes, strict=True):
        started = time.perf_counter()
        status, body, engine = server.get("/api/search/?" + urlencode({"q": query}), label)
        found["api"].append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"/api/search/?q={query!r} answered {status}: {body[:200]!r}")
        answer = json.loads(body)
        found["tier"].append(answer.get("tier"))
        found["count"].append(answer.get("count"))
        for name in ("took", "round_trip", "calls"):
            found[name].append(engine.get(name, float("nan")))
        started = time.perf_counter()
        status, body, engine = server.get("/api/search/suggest/?" + urlencode({"q": prefix}))
        found["suggest"].append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"suggest {prefix!r} answered {status}: {body[:200]!r}")
        found["suggest_took"].append(engine.get("took", float("nan")))
    return found


def report(label: str, found: dict[str, list]) -> None:
    """One table and the BENCH lines of one query set."""
    n = len(found["api"])
    by_tier: dict[str, list[float]] = {}
    for tier, ms in zip(found["tier"], found["api"], strict=True):
        by_tier.setdefault(tier or "none", []).append(ms)
    own = [api - trip for api, trip in zip(found["api"], found["round_trip"], strict=True)]
    rows = [
        ("search API (HTTP)", found["api"]),
        ("  engine took, its requests", found["took"]),
        ("  engine round trip, its requests", found["round_trip"]),
        ("  Ruche's own (API - round trip)", own),
        *((f"  search API, tier {tier} ({len(ms)})", ms) for tier, ms in sorted(by_tier.items())),
        ("suggestions API (HTTP)", found["suggest"]),
        ("  engine took, its request", found["suggest_took"]),
    ]
    print(f"\n{label}: {n} queries")
    print(f"{'what':<40} {'p50 ms':>8} {'p95 ms':>8}")
    for name, values in rows:
        print(f"{name:<40} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f}")
    calls = sum(found["calls"]) / n
    zero = sum(1 for count in found["count"] if count == 0) / n
    search_p95 = percentile(found["api"], 0.95)
    took_p95 = percentile(found["took"], 0.95)
    ratio = search_p95 / max(took_p95, 1)
    trip_ratio = search_p95 / max(percentile(found["round_trip"], 0.95), 1)
    suggest_p95 = percentile(found["suggest"], 0.95)
    print(
        f"engine requests per search: {calls:.2f}; zero results: {zero:.0%}; API / engine at "
        f"p95: {ratio:.2f}x its took, {trip_ratio:.2f}x its round trip"
    )
    bench_line(f"search API p95 ({label})", search_p95, "ms", "< 100 ms", search_p95 < 100)
    bench_line(f"search API / engine took, p95 ({label})", ratio, "ratio", "<= 1.3", ratio <= 1.3)
    bench_line(f"engine took p95 ({label})", took_p95, "ms")
    for tier, ms in sorted(by_tier.items()):
        if tier in ("strict", "relaxed"):
            bench_line(f"search API p95, {tier} tier ({label})", percentile(ms, 0.95), "ms")
    bench_line(f"suggestions API p95 ({label})", suggest_p95, "ms", "< 30 ms", suggest_p95 < 30)


def profile_summary(engine, bodies: list[dict]) -> None:
    """Where the engine spends its time on these queries: the whole query, its leaf clauses by
    type (fuzzy, term...), collecting, aggregations."""
    totals: dict[str, float] = {}

    def add(name: str, nanos: int) -> None:
        totals[name] = totals.get(name, 0) + nanos / 1e6

    def leaves(node):
        children = node.get("children", [])
        if not children:
            add(f"  leaf clauses: {node['type']}", node["time_in_nanos"])
        for child in children:
            leaves(child)

    for body in bodies:
        response = engine.search({**body, "profile": True})
        for shard in response["profile"]["shards"]:
            for search in shard["searches"]:
                for top in search["query"]:
                    add("query (all clauses)", top["time_in_nanos"])
                    leaves(top)
                for collector in search["collector"]:
                    add("collecting hits", collector["time_in_nanos"])
            for aggregation in shard.get("aggregations", []):
                add(f"aggregation {aggregation['description']}", aggregation["time_in_nanos"])
    print(f"\nengine profile over {len(bodies)} queries (ms per query):")
    for name, total in sorted(totals.items(), key=lambda item: -item[1])[:14]:
        print(f"  {total / len(bodies):8.2f}  {name}")


def profile(record_dir: Path) -> None:
    """The engine's profile of the first 50 bodies each query set's searches sent."""
    from search.engine import get_engine

    bodies: dict[str, list[dict]] = {}
    for path in sorted(record_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            bodies.setdefault(record["label"], []).append(record["body"])
    for label, found in bodies.items():
        print(f"\n{label}:", end="")
        profile_summary(get_engine(), found[:50])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=TARGET_DOCUMENTS)
    parser.add_argument("--queries", type=int, default=300, help="Queries of each set.")
    parser.add_argument(
        "--rebuild-index", action="store_true", help="Build the index even if one can be reused."
    )
    parser.add_argument("--reuse-index", action="store_true", help=argparse.SUPPRESS)  # default
    parser.add_argument("--profile", action="store_true", help="Print the engine's profile.")
    add_suffix_argument(parser)
    args = parser.parse_args()

    database, prefix = bench_names("ruche_bench_latency", args.suffix)
    django_on_fresh_database(database, index_prefix=prefix)
    from django.contrib.auth.models import User
    from wagtail.models import APIToken

    vocabulary = Vocabulary(random.Random(42))
    index_seconds = index_documents(args.documents, vocabulary, reuse=not args.rebuild_index)
    user = User.objects.create_user("bench-employee", "bench@example.org", "x")
    _, token = APIToken.create_token(user=user, name="bench")
    rng = random.Random(7)
    sets = {}
    keywords = generated_queries(args.queries, rng, vocabulary)
    sets["keywords"] = (keywords, keyword_prefixes(args.queries, rng, vocabulary))
    questions = generated_questions(args.queries, rng, vocabulary)
    sets["questions"] = (questions, question_prefixes(questions, rng))
    record_dir = Path(tempfile.mkdtemp(prefix="bench-bodies-"))
    if args.profile:
        os.environ["BENCH_RECORD_DIR"] = str(record_dir)

    server = Server(token)
    try:
        for queries, prefixes in sets.values():  # warm both sides
            measure(server, queries[:20], prefixes[:20])
        results = {
            label: measure(server, *pair, label if args.profile else "")
            for label, pair in sets.items()
        }
    finally:
        server.stop()

    indexing = (
        f"bulk indexing {args.documents / index_seconds:,.0f} docs/s, {index_seconds:.0f} s"
        if index_seconds
        else "index reused"
    )
    size = "" if args.documents >= TARGET_DOCUMENTS else f" (BELOW THE {TARGET_DOCUMENTS:,} TARGET)"
    print(f"\nSearch latency, {args.documents:,} indexed documents{size} ({indexing})")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared machine)")
    print("examples: " + " | ".join([*keywords[:3], *questions[:3]]))
    bench_line(
        "indexed objects", args.documents, "docs", ">= 100,000", args.documents >= TARGET_DOCUMENTS
    )
    for label, found in results.items():
        report(label, found)
    if args.profile:
        profile(record_dir)
    shutil.rmtree(record_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
