"""scripts/services.sh for one node or a cluster: what an operator sees without starting one
(tests/faults/test_search_node_down.py starts, kills and restarts nodes with it)."""

import os
import subprocess
import sys

from tests.mail import free_port
from tests.processes import REPO

SERVICES = REPO / "scripts" / "services.sh"


def services(*arguments: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SERVICES), *arguments],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_node_count_that_is_not_a_number_is_refused_clearly():
    result = services("status", OPENSEARCH_NODES="three")
    assert result.returncode == 2
    assert "OPENSEARCH_NODES must be a number from 1 to 9, not 'three'" in result.stderr


def test_status_names_the_first_node_of_the_cluster_asked_for():
    port = free_port()
    result = services("status", OPENSEARCH_NODES="3", OPENSEARCH_HTTP_PORT=str(port))
    assert f"OpenSearch (http://127.0.0.1:{port}): down" in result.stdout


def test_stopping_leaves_alone_a_node_another_checkout_started(tmp_path):
    """A pid file whose process is alive but is not this checkout's launcher on this folder (the
    node of another worktree sharing .services/) keeps both its process and its pid file."""
    stranger = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        for name in ("node-1.pid", "node-2.pid"):
            (tmp_path / name).write_text(str(stranger.pid))
        (tmp_path / "node-3.pid").write_text("999999999")  # a node long gone
        result = services("stop-opensearch", OPENSEARCH_NODES="3", OPENSEARCH_DIR=str(tmp_path))
        assert result.returncode == 0, result.stderr
        assert "not started by this script" in result.stdout
        assert stranger.poll() is None
        assert sorted(path.name for path in tmp_path.iterdir()) == ["node-1.pid", "node-2.pid"]
    finally:
        stranger.kill()
        stranger.wait()
