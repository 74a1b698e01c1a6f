"""A private OpenSearch cluster on loopback, for the node-down fault test
(tests/faults/test_search_node_down.py) and bench/search_cluster.py.

It is started by scripts/services.sh, the launcher of `make services` (one java process a
node, services/opensearch/RucheOpenSearch.java), on its own ports, folder and cluster name:
the shared node on 9200 is never touched. A node is stopped the way a lost machine stops,
with SIGKILL, and started again on its own data folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SERVICES = REPO / "scripts" / "services.sh"
# Three nodes on a 2-core machine: half a gigabyte of heap each is plenty for a test index.
DEFAULT_HEAP = "-Xms256m -Xmx512m"
# For a cluster that is only there to be broken (the fault test): the quick compiler only and
# thread pools sized for one core start three nodes in about half the time on a busy machine
# (36-45 s against 68-73 s, measured side by side); searches are slower, so no bench uses it.
QUICK_START = f"{DEFAULT_HEAP} -XX:TieredStopAtLevel=1 -XX:ActiveProcessorCount=1"


class OpenSearchCluster:
    """`nodes` OpenSearch nodes on HTTP ports `http_port`.. and transport ports `transport_port`..,
    with their data and logs in `directory`."""

    def __init__(  # noqa: PLR0913 - one argument a launcher setting
        self,
        *,
        directory: Path,
        http_port: int,
        transport_port: int,
        name: str,
        nodes: int = 3,
        heap: str = DEFAULT_HEAP,
    ) -> None:
        self.directory = directory
        self.http_port = http_port
        self.transport_port = transport_port
        self.name = name
        self.nodes = nodes
        self.heap = heap

    @property
    def urls(self) -> list[str]:
        return [self.node_url(number) for number in range(1, self.nodes + 1)]

    def node_url(self, number: int) -> str:
        return f"http://127.0.0.1:{self.http_port + number - 1}"

    def _services(self, *arguments: str, timeout: float = 400) -> None:
        env = {
            **os.environ,
            "OPENSEARCH_NODES": str(self.nodes),
            "OPENSEARCH_HTTP_PORT": str(self.http_port),
            "OPENSEARCH_TRANSPORT_PORT": str(self.transport_port),
            "OPENSEARCH_DIR": str(self.directory),
            "OPENSEARCH_CLUSTER_NAME": self.name,
            "OPENSEARCH_JAVA_OPTS": self.heap,
        }
        subprocess.run(
            ["bash", str(SERVICES), *arguments],
            check=True,
            env=env,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
        )

    def start(self, *, fresh: bool = True) -> float:
        """Start every node (on empty data folders when `fresh`) and wait until the cluster is
        green with all of them; returns how long that took, in seconds."""
        if fresh:
            self._services("stop-opensearch")
            shutil.rmtree(self.directory, ignore_errors=True)
        started = time.monotonic()
        self._services("start-opensearch")
        return time.monotonic() - started

    def stop(self, *, remove: bool = True) -> None:
        """Stop every node; with `remove`, their data goes too, so they are simply killed."""
        if remove:
            for number in range(1, self.nodes + 1):
                self._services("kill-opensearch-node", str(number))
            shutil.rmtree(self.directory, ignore_errors=True)
        else:
            self._services("stop-opensearch")

    def kill_node(self, number: int) -> None:
        """SIGKILL node `number` (1-based): no goodbye to the rest of the cluster."""
        self._services("kill-opensearch-node", str(number))

    def start_node(self, number: int) -> None:
        """Start node `number` again on its data folder; returns once its HTTP answers."""
        self._services("start-opensearch-node", str(number))

    def request(self, path: str, *, number: int = 1, timeout: float = 10) -> Any:
        """GET `path` on node `number`, decoded from JSON."""
        url = self.node_url(number) + path  # always http://127.0.0.1:<port>/...
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return json.load(response)

    def health(self, *, number: int = 1, timeout: float = 10, **wait: str) -> dict[str, Any]:
        """The cluster's health as node `number` sees it; `wait` holds health's wait_for_*
        parameters (wait_for_status="green", timeout="60s")."""
        query = "&".join(f"{key}={value}" for key, value in wait.items())
        return dict(self.request(f"/_cluster/health?{query}", number=number, timeout=timeout))

    def wait_for_health(
        self, status: str, *, nodes: int, number: int = 1, timeout: float = 120
    ) -> dict[str, Any]:
        """Poll until the cluster has `status` with `nodes` nodes (several polls: a node that
        just lost another one may take a moment to answer)."""
        deadline = time.monotonic() + timeout
        last: dict[str, Any] | str = "no answer"
        while time.monotonic() < deadline:
            try:
                last = self.health(number=number, timeout=15)
            except (OSError, urllib.error.URLError) as error:
                last = str(error)
            else:
                if last["status"] == status and last["number_of_nodes"] == nodes:
                    return last
            time.sleep(0.1)
        raise AssertionError(f"the cluster is not {status} with {nodes} nodes: {last}")

    def primary_holder(self, index: str) -> int:
        """The number of the node holding the primary of `index`'s first shard."""
        shards = self.request(f"/_cat/shards/{index}?format=json&h=shard,prirep,state,node")
        (primary,) = [s for s in shards if s["prirep"] == "p" and s["shard"] == "0"]
        return node_number(primary["node"])

    def cluster_manager(self, *, number: int = 1) -> int:
        (manager,) = self.request("/_cat/cluster_manager?format=json", number=number)
        return node_number(manager["node"])


def node_number(name: str) -> int:
    """1 for `ruche-1`: services.sh names node i `ruche-i`."""
    return int(name.rsplit("-", 1)[1])
