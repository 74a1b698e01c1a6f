"""Search latency with 100,000 indexed objects: the API and suggestions against the engine.

    python bench/search_latency.py [--documents 100000] [--queries 300]

Indexes generated documents of every kind into a throwaway index, serves Ruche with gunicorn
on PostgreSQL, then times `/api/search/` and `/api/search/suggest/` over HTTP and the very
same query bodies sent straight to the engine, in the same run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import REPO, django_on_fresh_database, percentile  # noqa: E402

DATABASE = "ruche_bench_latency"
PREFIX = "ruche_bench_latency_"
PORT = 8765
WORDS = (
    "télétravail congés formation sécurité réunion projet client budget qualité atelier "
    "usine logistique achats contrat mutuelle parking badge réseau serveur cloud données "
    "recrutement entretien innovation énergie économie déchets recyclage vélo cantine "
    "planning équipe objectif rapport audit conformité onboarding travel expenses password "
    "benefits safety training meeting roadmap customer supplier invoice warehouse"
).split()
FIRST = "Camille Léa Hugo Louis Chloé Jules Inès Adam Manon Nathan Zoé Hélène Marc".split()
LAST = "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Nguyen".split()
KINDS = ["page", "news", "person", "idea", "challenge", "team", "leadership_update"]


def generated_documents(count: int, rng: random.Random):
    from search.registry import SearchDocument

    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        if kind == "person":
            title = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        else:
            title = " ".join(rng.sample(WORDS, 4)).capitalize()
        yield SearchDocument(
            kind=kind,
            object_id=str(number),
            title=title,
            url=f"/{kind}/{number}/",
            body=" ".join(rng.choices(WORDS, k=60)),
            tags=rng.sample(WORDS, 2),
            teams=[f"Équipe {number % 40}"],
            audience_team_ids=[number % 40] if number % 5 == 0 else None,
            boost=1.0 + (number % 3) / 10,
        )


def index_documents(count: int) -> float:
    from search.analysis import index_body
    from search.engine import alias_name, get_engine
    from search.indexing import document_id, engine_source, new_index_name

    engine = get_engine()
    for old in engine.indices_behind_alias():
        engine.delete_index(old)
    name = new_index_name()
    engine.create_index(name, index_body())
    rng = random.Random(42)
    started = time.perf_counter()
    engine.bulk(
        {
            "_op_type": "index",
            "_index": name,
            "_id": document_id(doc.kind, doc.object_id),
            "_source": engine_source(doc),
        }
        for doc in generated_documents(count, rng)
    )
    engine.refresh(name)
    elapsed = time.perf_counter() - started
    engine.update_aliases([{"add": {"index": name, "alias": alias_name()}}])
    return elapsed


def start_server(token: str) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "intranet.settings.base"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "intranet.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env={**env, "DJANGO_SETTINGS_MODULE": "intranet.settings.base"},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _ = get("/healthz/", token)
            if status == 200:
                return server
        except (OSError, http.client.HTTPException):
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start")


_connection = None


def get(path: str, token: str) -> tuple[int, bytes]:
    global _connection
    if _connection is None:
        _connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    try:
        _connection.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        response = _connection.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException):
        _connection.close()
        _connection = None
        raise


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()

    django_on_fresh_database(DATABASE, index_prefix=PREFIX)
    from django.contrib.auth.models import User
    from wagtail.models import APIToken

    from search.engine import get_engine
    from search.permissions import Searcher
    from search.query import Filters, build_search, build_suggest

    index_seconds = index_documents(args.documents)
    user = User.objects.create_user("bench-employee", "bench@example.org", "x")
    _, token = APIToken.create_token(user=user, name="bench")
    rng = random.Random(7)
    queries = [" ".join(rng.sample(WORDS, rng.choice([1, 2, 3]))) for _ in range(args.queries)]
    prefixes = [rng.choice(WORDS)[: rng.choice([3, 4, 5])] for _ in range(args.queries)]
    searcher = Searcher.for_user(user)
    engine = get_engine()

    server = start_server(token)
    try:
        for query in queries[:20]:  # warm both sides
            get("/api/search/?" + urlencode({"q": query}), token)
        api_ms, engine_ms, suggest_ms, engine_suggest_ms = [], [], [], []
        for query, prefix in zip(queries, prefixes, strict=True):
            api_ms.append(timed(get, "/api/search/?" + urlencode({"q": query}), token))
            body = build_search(query, [], searcher, Filters(), offset=0, size=20).to_dict()
            engine_ms.append(timed(engine.search, body))
            suggest_ms.append(timed(get, "/api/search/suggest/?" + urlencode({"q": prefix}), token))
            engine_suggest_ms.append(
                timed(engine.search, build_suggest(prefix, searcher, 8).to_dict())
            )
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(
        f"Search latency, {args.documents} indexed documents, {args.queries} queries "
        f"(bulk indexing: {args.documents / index_seconds:,.0f} docs/s)"
    )
    print(f"{'what':<28} {'p50 ms':>8} {'p95 ms':>8}")
    rows = [
        ("search API (HTTP)", api_ms),
        ("engine, same query", engine_ms),
        ("suggestions API (HTTP)", suggest_ms),
        ("engine, same suggestion", engine_suggest_ms),
    ]
    for label, values in rows:
        print(f"{label:<28} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f}")
    search_ratio = percentile(api_ms, 0.95) / percentile(engine_ms, 0.95)
    suggest_ratio = percentile(suggest_ms, 0.95) / percentile(engine_suggest_ms, 0.95)
    print(f"ratio API/engine at p95: search {search_ratio:.2f}, suggestions {suggest_ratio:.2f}")
    print(
        json.dumps(
            {
                "search_p95_ms": round(percentile(api_ms, 0.95), 1),
                "suggest_p95_ms": round(percentile(suggest_ms, 0.95), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
