"""A node of a three-node search cluster is lost while people search and write: no search fails
once the cluster has turned yellow, no index update is lost, and the node rejoins.

The cluster is this test's own (bench/_cluster_nodes.py: three OpenSearch processes started by
scripts/services.sh on ports 9210-9212, transport 9310-9312, moved by 3 per RUCHE_TEST_SLOT), its
index has one replica, and the node holding the primary is killed with SIGKILL. Index updates
take the real path: a write commits, the outbox hands the update to a Celery worker (on the
private broker of tests/faults/conftest.py) whose settings point at the cluster.
"""

from __future__ import annotations

import copy
import os
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test import Client

from bench._cluster_nodes import QUICK_START, OpenSearchCluster
from core.models import OutboxTask
from intranet.settings.base import search_client_options, search_index_replication
from search.engine import get_engine
from search.indexing import _mapping_checked, rebuild
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory
from tests.processes import REPO, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

SLOT = int(os.environ.get("RUCHE_TEST_SLOT", "0"))
# Where the cluster keeps its data: a folder of its own under .services/, wiped at each start.
DIRECTORY = Path(
    os.environ.get("RUCHE_FAULT_OPENSEARCH_DIR")
    or REPO / ".services" / f"opensearch-node-down-{SLOT}"
)
WRITES_DURING_OUTAGE = 8


@pytest.fixture(scope="module")
def cluster():
    nodes = OpenSearchCluster(
        directory=DIRECTORY,
        http_port=9210 + 3 * SLOT,
        transport_port=9310 + 3 * SLOT,
        name=f"ruche-node-down-{SLOT}",
        heap=QUICK_START,
    )
    print(f"cluster of 3 nodes green in {nodes.start(fresh=True):.0f} s")
    yield nodes
    nodes.stop()


@pytest.fixture
def on_cluster(cluster, settings):
    """This process's search settings point at the cluster, with one replica per shard."""
    prefix = f"{settings.SEARCH_INDEX_PREFIX}node_down_"
    settings.SEARCH_URLS = cluster.urls
    settings.SEARCH_INDEX_PREFIX = prefix
    settings.SEARCH_INDEX_REPLICATION = search_index_replication(1, "1")
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
    yield {"SEARCH_URL": ",".join(cluster.urls), "SEARCH_INDEX_PREFIX": prefix}
    get_engine.cache_clear()
    _mapping_checked.clear()


class Searcher(threading.Thread):
    """An employee searching the API over and over; each answer is kept with its time."""

    def __init__(self, user, text: str) -> None:
        super().__init__(daemon=True)
        self.user = user
        self.text = text
        self.answers: list[tuple[float, int, int]] = []  # (when, status, result count)
        self.done = threading.Event()

    def run(self) -> None:
        client = Client()
        client.force_login(self.user)
        try:
            while not self.done.is_set():
                response = client.get("/api/search/", {"q": self.text})
                count = response.json().get("count", 0) if response.status_code == 200 else 0
                self.answers.append((time.monotonic(), response.status_code, count))
        finally:
            connection.close()

    def failures_since(self, moment: float) -> list[tuple[float, int, int]]:
        """Answers after `moment` that are not a success finding the page searched for."""
        return [a for a in self.answers if a[0] >= moment and (a[1] != 200 or a[2] < 1)]


def pending_search_updates():
    return OutboxTask.objects.pending().filter(task_path="search.tasks.sync_documents")


def test_a_lost_node_fails_no_search_loses_no_update_and_rejoins(
    cluster, on_cluster, celery_processes
):
    employee = UserFactory()
    publish_standard_page(title="Plan de continuité d'activité", parent=home_page())
    rebuild()
    (index,) = get_engine().indices_behind_alias()
    cluster.wait_for_health("green", nodes=3)  # the replica is on another node than the primary
    celery_processes.worker("search-worker", **on_cluster)
    celery_processes.beat()  # replays an update that failed, as in production

    searcher = Searcher(employee, "continuité")
    searcher.start()
    try:
        yellow = outage_with_writes(cluster, index)
    finally:
        # A searcher left running would hammer the engine for the rest of the suite.
        searcher.done.set()
        searcher.join(timeout=30)

    during = [answer for answer in searcher.answers if answer[0] >= yellow]
    assert len(during) > 10, "too few searches during the outage to tell"
    failures = searcher.failures_since(yellow)
    assert failures == [], (
        f"{len(failures)} of {len(during)} searches failed after yellow, "
        f"first at +{failures[0][0] - yellow:.1f} s with status {failures[0][1]}"
        if failures
        else ""
    )


def outage_with_writes(cluster, index: str) -> float:
    """Kill the node holding the primary, write while it is down, check every write is found,
    then start the node again and wait for green; returns when the cluster turned yellow."""
    victim = cluster.primary_holder(index)
    survivor = 1 if victim != 1 else 2
    killed = time.monotonic()
    cluster.kill_node(victim)
    cluster.wait_for_health("yellow", nodes=2, number=survivor)
    yellow = time.monotonic()
    print(f"node {victim} killed, cluster yellow after {yellow - killed:.1f} s")

    titles = [f"Panne numéro {number}" for number in range(WRITES_DURING_OUTAGE)]
    for title in titles:
        with transaction.atomic():
            publish_standard_page(title=title, parent=home_page())
    wait_for(
        lambda: not pending_search_updates().exists(),
        timeout=90,
        message="index updates made during the outage are still pending",
    )
    get_engine().refresh()
    found = Client()
    found.force_login(UserFactory())
    response = found.get("/api/search/", {"q": "panne numéro", "page_size": 50})
    assert response.status_code == 200
    assert {hit["title"] for hit in response.json()["results"]} >= set(titles)

    restarted = time.monotonic()
    print(f"{WRITES_DURING_OUTAGE} writes indexed during the outage in {restarted - yellow:.1f} s")
    cluster.start_node(victim)
    cluster.wait_for_health("green", nodes=3, number=survivor)
    print(f"node {victim} rejoined, cluster green after {time.monotonic() - restarted:.1f} s")
    return yellow
