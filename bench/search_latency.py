"""Search latency with 100,000 indexed objects: the API and suggestions against the engine.

    python bench/search_latency.py [--documents 100000] [--queries 300]

Indexes generated documents of every kind into a throwaway index, serves Ruche with gunicorn
on PostgreSQL, then times `/api/search/` and `/api/search/suggest/` over HTTP and the very
same query bodies sent straight to the engine, in the same run.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import REPO, bench_line, django_on_fresh_database, percentile  # noqa: E402

DATABASE = "ruche_bench_latency"
PREFIX = "ruche_bench_latency_"
PORT = 8765
CORPUS = REPO.parent / "shared" / "eval" / "corpus.jsonl"
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


def index_documents(count: int, vocabulary: Vocabulary, *, reuse: bool) -> float | None:
    """Index `count` generated documents; None when `reuse` found them indexed already."""
    from search.analysis import index_body
    from search.engine import alias_name, get_engine
    from search.indexing import document_id, engine_source, new_index_name

    engine = get_engine()
    # The bench user's own profile is indexed too: one document more than generated.
    if reuse and engine.indices_behind_alias() and sum(engine.count_by_kind().values()) >= count:
        return None
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
        for doc in generated_documents(count, rng, vocabulary)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--reuse-index", action="store_true", help="Keep the index of a previous run if complete."
    )
    parser.add_argument("--profile", action="store_true", help="Print the engine's profile.")
    args = parser.parse_args()

    django_on_fresh_database(DATABASE, index_prefix=PREFIX)
    from django.contrib.auth.models import User
    from wagtail.models import APIToken

    from search.api import API_FACETS
    from search.engine import get_engine
    from search.permissions import Searcher
    from search.query import Filters, build_search, build_suggest

    vocabulary = Vocabulary(random.Random(42))
    index_seconds = index_documents(args.documents, vocabulary, reuse=args.reuse_index)
    user = User.objects.create_user("bench-employee", "bench@example.org", "x")
    _, token = APIToken.create_token(user=user, name="bench")
    rng = random.Random(7)
    queries = generated_queries(args.queries, rng, vocabulary)
    prefixes = [
        rng.choice([vocabulary.term(rng), rng.choice(LAST)])[: rng.choice([3, 4, 5])]
        for _ in range(args.queries)
    ]
    searcher = Searcher.for_user(user)
    engine = get_engine()
    if args.profile:
        profile_summary(
            engine,
            [
                build_search(
                    q, [], searcher, Filters(), offset=0, size=20, facets=API_FACETS
                ).to_dict()
                for q in queries[:50]
            ],
        )

    server = start_server(token)
    try:
        for query in queries[:20]:  # warm both sides
            get("/api/search/?" + urlencode({"q": query}), token)
        api_ms, engine_ms, took_ms, suggest_ms, engine_suggest_ms, took_suggest_ms = (
            [] for _ in range(6)
        )
        for query, prefix in zip(queries, prefixes, strict=True):
            api_ms.append(timed(get, "/api/search/?" + urlencode({"q": query}), token))
            body = build_search(
                query, [], searcher, Filters(), offset=0, size=20, facets=API_FACETS
            ).to_dict()
            started = time.perf_counter()
            took_ms.append(engine.search(body)["took"])
            engine_ms.append((time.perf_counter() - started) * 1000)
            suggest_ms.append(timed(get, "/api/search/suggest/?" + urlencode({"q": prefix}), token))
            started = time.perf_counter()
            took_suggest_ms.append(
                engine.search(build_suggest(prefix, searcher, 8).to_dict())["took"]
            )
            engine_suggest_ms.append((time.perf_counter() - started) * 1000)
    finally:
        server.terminate()
        server.wait(timeout=10)

    indexing = (
        f"bulk indexing: {args.documents / index_seconds:,.0f} docs/s"
        if index_seconds
        else "index reused"
    )
    print(
        f"Search latency, {args.documents} indexed documents, {args.queries} queries ({indexing})"
    )
    print(f"{'what':<34} {'p50 ms':>8} {'p95 ms':>8}")
    rows = [
        ("search API (HTTP)", api_ms),
        ("engine, same query (round trip)", engine_ms),
        ("engine, same query (took)", took_ms),
        ("suggestions API (HTTP)", suggest_ms),
        ("engine, same suggestion (round trip)", engine_suggest_ms),
        ("engine, same suggestion (took)", took_suggest_ms),
    ]
    for label, values in rows:
        print(f"{label:<34} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f}")
    search_p95 = percentile(api_ms, 0.95)
    suggest_p95 = percentile(suggest_ms, 0.95)
    search_ratio = search_p95 / max(percentile(took_ms, 0.95), 1)
    suggest_ratio = suggest_p95 / max(percentile(took_suggest_ms, 0.95), 1)
    print(f"ratio API / took at p95: search {search_ratio:.2f}, suggestions {suggest_ratio:.2f}")
    bench_line("search API p95", search_p95, "ms", "< 100 ms", search_p95 < 100)
    bench_line(
        "search API / engine took, p95", search_ratio, "ratio", "<= 1.5", search_ratio <= 1.5
    )
    bench_line("engine took p95", percentile(took_ms, 0.95), "ms", "", None)
    bench_line("suggestions API p95", suggest_p95, "ms", "< 50 ms", suggest_p95 < 50)


if __name__ == "__main__":
    main()
