"""Private broker, workers and beat for fault tests, so that nothing shared is ever stopped.

Each test gets its own `redis-server` on a free loopback port (no persistence: a restart loses
every message, the worst case) and starts Celery worker and beat processes pointed at it, on
the test database. This process's Celery app is pointed at the same broker for the test, so
the outbox sends there after commit.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest
import redis
from kombu import pools as kombu_pools

from tests.mail import free_port
from tests.processes import ARTIFACTS, start_celery, wait_for, worker_environment


class PrivateRedis:
    """A redis-server of this test alone; it can be stopped and started on the same port."""

    def __init__(self, directory: Path, log: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.log = log
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def answers(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def start(self) -> None:
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        with self.log.open("a") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        wait_for(self.answers, timeout=20, message="the private redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        wait_for(lambda: not self.answers(), timeout=10, message="redis still answers")


class Processes:
    """Celery processes started by a test; whatever is left is killed at its end."""

    def __init__(self, broker: PrivateRedis, name: str) -> None:
        self.broker = broker
        self.name = name
        self.started: list[subprocess.Popen] = []

    def environment(self, **extra: str) -> dict[str, str]:
        return {
            **worker_environment(),
            "CELERY_BROKER_URL": self.broker.url(0),
            "CELERY_RESULT_BACKEND": self.broker.url(1),
            # A message a dead worker took is handed out again after 2 s, checked every second.
            "BROKER_VISIBILITY_TIMEOUT": "2",
            "OUTBOX_RELAY_INTERVAL": "1",
            **extra,
        }

    def _start(self, arguments: list[str], log_name: str, ready: str, env) -> subprocess.Popen:
        log_path = ARTIFACTS / f"{self.name}-{log_name}.log"
        # Its own session, so that a kill reaches a prefork worker's children too.
        process = start_celery(arguments, log_path=log_path, env=env, start_new_session=True)
        self.started.append(process)
        wait_for(
            lambda: ready in log_path.read_text() or process.poll() is not None,
            timeout=60,
            message=f"{log_name} did not start (see {log_path})",
        )
        assert process.poll() is None, f"{log_name} exited (see {log_path})"
        return process

    def worker(
        self, label: str = "worker", pool: str = "solo", queues: str = "", **env: str
    ) -> subprocess.Popen:
        """`pool="prefork"` runs tasks in one child process, as production workers do;
        `queues` ("search,email") limits the worker to those queues (else it consumes all)."""
        arguments = ["worker", f"--pool={pool}", "--concurrency=1", "--loglevel=INFO"]
        arguments += ["-n", f"{label}@%h"] + (["-Q", queues] if queues else [])
        arguments += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        return self._start(arguments, label, " ready.", self.environment(**env))

    def beat(self) -> subprocess.Popen:
        schedule = self.broker.directory / "beat-schedule"
        arguments = ["beat", "--loglevel=INFO", "--schedule", str(schedule)]
        return self._start(arguments, "beat", "beat: Starting", self.environment())

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        """SIGKILL, as the out-of-memory killer or a lost machine would: no clean-up at all."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    self.kill(process)


def point_celery_at(broker: str, backend: str) -> None:
    """Send this process's Celery messages to another broker.

    Celery reads CELERY_BROKER_URL and CELERY_RESULT_BACKEND from the environment before its
    configuration, and pools its connections.
    """
    from intranet.celery import app

    os.environ["CELERY_BROKER_URL"] = broker
    os.environ["CELERY_RESULT_BACKEND"] = backend
    # app.pool comes from kombu's process-wide registry, keyed by broker: closing it alone
    # would leave a closed pool there for the next test on that broker. Start afresh.
    kombu_pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    # The result backend is built once per thread: build it again for the new address.
    if hasattr(app._local, "backend"):
        del app._local.backend


@pytest.fixture
def private_redis(tmp_path, request):
    ARTIFACTS.mkdir(exist_ok=True)
    server = PrivateRedis(tmp_path, ARTIFACTS / f"{request.node.name}-redis.log")
    server.start()
    yield server
    if server.process and server.process.poll() is None:
        server.process.kill()
        server.process.wait(timeout=20)


@pytest.fixture
def celery_processes(private_redis, settings, request):
    """Worker and beat starters on the private broker; this process sends there too."""
    settings.OUTBOX_SEND_ON_COMMIT = True
    shared = (os.environ["CELERY_BROKER_URL"], os.environ["CELERY_RESULT_BACKEND"])
    point_celery_at(private_redis.url(0), private_redis.url(1))
    processes = Processes(private_redis, request.node.name)
    yield processes
    # The workers stop before the test database is flushed: a running task would deadlock it.
    processes.stop_all()
    point_celery_at(*shared)
