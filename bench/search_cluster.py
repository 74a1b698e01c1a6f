"""Search on a 3-node OpenSearch cluster: a node lost under load, and latency against one node.

Starts two private clusters with the launcher of `make services` (bench/_cluster_nodes.py):
three nodes on 9240-9242 (one replica per shard) and one node on 9245 (no replica), indexes the
same generated documents into both (bench/_latency_data.py), then
1. times the same queries through Ruche's search service on both, alternately (p50, p95, ratio);
2. on the cluster, while two employees search and pages are published (each index update runs
   inline through the outbox, as the worker would run it), kills the node holding the primary
   (SIGKILL), and reports the searches made during the outage, the failed ones once the cluster
   is yellow (target 0), the index updates lost (target 0), the time to yellow and the time
   for the restarted node to rejoin (green).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._cluster_nodes import OpenSearchCluster  # noqa: E402
from bench._latency_data import Vocabulary, generated_documents, generated_queries  # noqa: E402
from bench._setup import (  # noqa: E402
    REPO,
    add_suffix_argument,
    bench_line,
    bench_names,
    django_on_fresh_database,
    drop_database,
    percentile,
)

CLUSTER_PORTS = (9240, 9340)
SINGLE_PORTS = (9245, 9345)
BLOCK = 20  # queries timed on one engine before switching to the other


def clusters(suffix: str) -> tuple[OpenSearchCluster, OpenSearchCluster]:
    folder = REPO / ".services" / f"bench-search-cluster{'-' + suffix if suffix else ''}"
    three = OpenSearchCluster(
        directory=folder / "three",
        http_port=CLUSTER_PORTS[0],
        transport_port=CLUSTER_PORTS[1],
        name=f"bench-three{suffix}",
    )
    one = OpenSearchCluster(
        directory=folder / "one",
        http_port=SINGLE_PORTS[0],
        transport_port=SINGLE_PORTS[1],
        name=f"bench-one{suffix}",
        nodes=1,
    )
    return three, one


def use_engine(cluster: OpenSearchCluster, prefix: str) -> None:
    """Point Ruche's search settings at `cluster` (replicas: 1 on several nodes, else 0)."""
    import copy

    from django.conf import settings

    from intranet.settings.base import search_client_options, search_index_replication
    from search.engine import get_engine
    from search.indexing import _mapping_checked

    replicas = "1" if cluster.nodes > 1 else "0"
    settings.SEARCH_URLS = cluster.urls
    settings.SEARCH_INDEX_PREFIX = prefix
    settings.SEARCH_INDEX_REPLICATION = search_index_replication(1, replicas)
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    backends["default"].update(
        URLS=cluster.urls,
        INDEX_PREFIX=prefix,
        OPTIONS=search_client_options("opensearch2", cluster.urls),
        INDEX_SETTINGS={"settings": {"index": dict(settings.SEARCH_INDEX_REPLICATION)}},
    )
    settings.WAGTAILSEARCH_BACKENDS = backends
    get_engine.cache_clear()
    _mapping_checked.clear()


def index_generated(count: int, vocabulary: Vocabulary) -> str:
    """Index `count` generated documents (the same ones on every engine); returns the index."""
    from search.analysis import index_body
    from search.engine import alias_name, get_engine
    from search.indexing import document_id, engine_source, new_index_name

    engine = get_engine()
    for old in engine.indices_behind_alias():
        engine.delete_index(old)
    name = new_index_name()
    engine.create_index(name, index_body())
    rng = random.Random(42)
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
    engine.refresh(name)
    engine.update_aliases([{"add": {"index": name, "alias": alias_name()}}])
    return name


def search_once(user, text: str) -> float:
    """One search through Ruche's service; its duration in ms (raises when it fails)."""
    from search.services import run_search

    started = time.perf_counter()
    run_search(user=user, text=text, log=False)
    return (time.perf_counter() - started) * 1000


def compare_latency(user, queries: list[str], engines: dict[str, tuple]) -> dict[str, list]:
    """The same queries on each engine, block after block in turns, so that the machine's load
    drifts over both alike. Switching engines builds a new client: the first search after a
    switch is not timed."""
    timings: dict[str, list[float]] = {label: [] for label in engines}
    for start in range(0, len(queries), BLOCK):
        block = queries[start : start + BLOCK]
        labels = list(engines) if (start // BLOCK) % 2 == 0 else list(reversed(engines))
        for label in labels:
            use_engine(*engines[label])
            search_once(user, block[0])
            timings[label] += [search_once(user, text) for text in block]
    return timings


class Searchers:
    """Employees searching over and over, in threads; each answer kept with its time."""

    def __init__(self, user, queries: list[str], count: int = 2) -> None:
        self.user, self.queries = user, queries
        self.answers: list[tuple[float, bool, str]] = []  # (when, succeeded, error)
        self.done = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(count)]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def run(self, number: int) -> None:
        from django.db import connection

        rng = random.Random(number)
        try:
            while not self.done.is_set():
                try:
                    search_once(self.user, rng.choice(self.queries))
                except Exception as error:  # noqa: BLE001 - a failed search is what is counted
                    self.answers.append((time.monotonic(), False, repr(error)[:200]))
                else:
                    self.answers.append((time.monotonic(), True, ""))
        finally:
            connection.close()

    def stop(self) -> None:
        self.done.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def between(self, start: float, end: float) -> list[tuple[float, bool, str]]:
        return [answer for answer in self.answers if start <= answer[0] <= end]


def publish(title: str) -> int:
    """A page published as an editor would: its index update runs through the outbox."""
    from django.db import transaction

    from tests.intranet.factories import home_page, publish_standard_page

    with transaction.atomic():
        return publish_standard_page(title=title, parent=home_page()).pk


def lost_updates(page_ids: list[int]) -> int:
    """Pages published during the outage that the index does not hold (after a refresh)."""
    from search.engine import alias_name, get_engine
    from search.indexing import document_id

    engine = get_engine()
    engine.refresh()
    ids = [document_id("page", str(pk)) for pk in page_ids]
    found = engine.client.mget(index=alias_name(), body={"ids": ids})["docs"]
    return sum(1 for doc in found if not doc.get("found"))


def node_outage(cluster: OpenSearchCluster, user, queries: list[str], writes: int) -> dict:
    from core.models import OutboxTask
    from search.engine import get_engine

    (index,) = get_engine().indices_behind_alias()
    cluster.wait_for_health("green", nodes=3)
    searchers = Searchers(user, queries)
    searchers.start()
    time.sleep(3)  # searches under way before the fault
    victim = cluster.primary_holder(index)
    survivor = 1 if victim != 1 else 2
    killed = time.monotonic()
    cluster.kill_node(victim)
    cluster.wait_for_health("yellow", nodes=2, number=survivor)
    yellow = time.monotonic()
    page_ids = [publish(f"Panne numéro {number}") for number in range(writes)]
    retried = OutboxTask.objects.filter(task_path="search.tasks.sync_documents", attempts__gt=1)
    restarted = time.monotonic()
    cluster.start_node(victim)
    cluster.wait_for_health("green", nodes=3, number=survivor, timeout=300)
    green = time.monotonic()
    searchers.stop()
    after_yellow = searchers.between(yellow, green)
    failures = [answer for answer in after_yellow if not answer[1]]
    for _, _, error in failures[:3]:
        print(f"failed search: {error}")
    return {
        "victim": victim,
        "yellow": yellow - killed,
        "rejoin": green - restarted,
        "searches": len(after_yellow),
        "failed": len(failures),
        "failed_before_yellow": sum(1 for a in searchers.between(killed, yellow) if not a[1]),
        "lost": lost_updates(page_ids),
        "retried": retried.count(),
        "writes": len(page_ids),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200, help="Queries timed on each engine.")
    parser.add_argument("--writes", type=int, default=20, help="Pages published in the outage.")
    add_suffix_argument(parser)
    args = parser.parse_args()
    database, prefix = bench_names("bench_search_cluster", args.suffix)
    three, one = clusters(args.suffix)
    with ThreadPoolExecutor(max_workers=2) as pool:
        startups = list(pool.map(lambda cluster: cluster.start(fresh=True), (three, one)))
    print(f"started: 3 nodes in {startups[0]:.0f} s, 1 node in {startups[1]:.0f} s (together)")
    try:
        os.environ["SEARCH_URL"] = ",".join(three.urls)
        django_on_fresh_database(database, index_prefix=prefix)
        run(args, three, one, prefix, startups[0])
    finally:
        three.stop()
        one.stop()
        three.directory.parent.rmdir()
        drop_database(database)


def run(args, three, one, prefix: str, startup: float) -> None:
    from tests.intranet.factories import home_page
    from tests.people.factories import UserFactory

    home_page()
    user = UserFactory(username="bench-searcher")
    vocabulary = Vocabulary(random.Random(7))
    queries = generated_queries(args.queries, random.Random(11), vocabulary)
    engines = {"3 nodes": (three, prefix), "1 node": (one, prefix)}
    for label, engine in engines.items():
        use_engine(*engine)
        index_generated(args.documents, vocabulary)
        print(f"{label}: {args.documents:,} documents indexed")
    compare_latency(user, queries[:30], engines)  # warm-up: caches, JIT, connections
    timings = compare_latency(user, queries, engines)
    use_engine(*engines["3 nodes"])
    outage = node_outage(three, user, queries, args.writes)
    print(
        f"node {outage['victim']} killed: {outage['failed_before_yellow']} failed searches "
        f"before yellow; {outage['retried']} of {outage['writes']} index updates retried"
    )
    bench_line("search cluster: start-up, 3 nodes (with 1 node beside)", startup, "s")
    bench_line("search cluster: time to yellow after a node is killed", outage["yellow"], "s")
    bench_line("search cluster: searches during the outage", outage["searches"], "searches")
    failed, lost = outage["failed"], outage["lost"]
    bench_line("search cluster: failed searches once yellow", failed, "searches", "0", failed == 0)
    bench_line("search cluster: lost index updates", lost, "updates", "0", lost == 0)
    bench_line("search cluster: time to rejoin (green)", outage["rejoin"], "s")
    for share, name in ((0.5, "p50"), (0.95, "p95")):
        three_ms = percentile(timings["3 nodes"], share)
        one_ms = percentile(timings["1 node"], share)
        bench_line(f"search {name}, 3 nodes ({args.documents:,} documents)", three_ms, "ms")
        bench_line(f"search {name}, 1 node", one_ms, "ms")
        bench_line(f"search {name}, 3 nodes / 1 node", three_ms / one_ms, "x")


if __name__ == "__main__":
    main()
