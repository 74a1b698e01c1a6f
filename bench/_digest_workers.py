"""Real Celery worker processes for bench/digests.py, on the bench's own database, Redis
database and index prefix (nothing shared with the suite or another bench)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench._setup import REPO


class Workers:
    """Starts `celery -A intranet worker` processes and stops every one it started."""

    def __init__(self, *, env: dict[str, str], logs: Path) -> None:
        self.env = env
        self.logs = logs
        self.started: list[subprocess.Popen] = []

    def start(self, label: str, queues: str) -> subprocess.Popen:
        """One solo-pool worker on `queues`, returned once it says it is ready."""
        log_path = self.logs / f"{label}.log"
        arguments = [sys.executable, "-m", "celery", "-A", "intranet", "worker", "--pool=solo"]
        arguments += ["-Q", queues, "-n", f"{label}@%h", "--loglevel=INFO"]
        arguments += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        with log_path.open("w") as log:
            process = subprocess.Popen(
                arguments, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        self.started.append(process)
        deadline = time.monotonic() + 120
        while " ready." not in log_path.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker {label} did not start: see {log_path}")
            time.sleep(0.2)
        return process

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.started = []


def worker_environment(*, database: str, index_prefix: str, broker: str, results: str) -> dict:
    """What a bench worker runs with: the bench's database, broker and index, mail kept in
    memory (the bench measures Ruche, not an SMTP server)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intranet.settings.base",
        "DATABASE_URL": f"postgres://ruche:ruche@127.0.0.1:5432/{database}",
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": results,
        "SEARCH_INDEX_PREFIX": index_prefix,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONPATH": str(REPO),
        "LOG_LEVEL": "INFO",
    }
