"""Votes under 50 concurrent voters, against Ruche served by gunicorn on PostgreSQL.

    python bench/votes.py [--voters 50] [--ideas 10] [--budget 8] [--workers 4]

Builds a throw-away database (BENCH_DATABASE_URL, default
postgres://ruche:ruche@127.0.0.1:5432/ruche_bench_votes), seeds one open challenge with a
vote budget, starts gunicorn on loopback, and lets every voter send each of their votes
twice at once through the API (`POST /api/ideas/{id}/vote/` with an API token). It prints the
throughput and latency, then checks that every accepted vote was counted exactly once: no
double vote, no budget exceeded, each idea's counter equal to its vote rows. Exit status 1
if the check fails.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from bench._setup import bench_line as bench  # noqa: E402

DEFAULT_URL = "postgres://ruche:ruche@127.0.0.1:5432/ruche_bench_votes"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def recreate_database(url: str, *, drop_only: bool = False) -> None:
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def environment(url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
            "DATABASE_URL": url,
            "SECRET_KEY": secrets.token_urlsafe(64),
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "ERROR",
            "PYTHONPATH": str(REPO),
            "RATE_LIMITS_ENABLED": "0",  # each voter votes as fast as it can: no brake here
        }
    )
    return env


def seed(voters: int, ideas: int, budget: int) -> tuple[list[int], list[str]]:
    """Migrate, then one open challenge, its ideas, and voters with API tokens."""
    import django
    from django.core.management import call_command

    django.setup()
    import logging

    logging.disable(logging.CRITICAL)  # seeding only: no search engine is configured here
    call_command("migrate", verbosity=0)
    from datetime import timedelta

    from django.contrib.auth.models import User
    from django.utils import timezone
    from wagtail.models import APIToken

    from ideas.importers import ideas_hub
    from ideas.models import ChallengePage, Idea

    now = timezone.now()
    owner = User.objects.create_user("bench-owner", "owner@bench.example")
    challenge = ChallengePage(
        title="Bench",
        slug="bench",
        challenge_owner=owner,
        description="<p>Bench</p>",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
        votes_per_person=budget,
    )
    ideas_hub().add_child(instance=challenge)
    challenge.save_revision().publish()
    idea_ids = [
        Idea.objects.create(
            challenge=challenge,
            author=owner,
            title=f"Idée {n}",
            description="<p>x</p>",
            created_at=now,
        ).pk
        for n in range(ideas)
    ]
    tokens = []
    for n in range(voters):
        user = User.objects.create_user(f"voter{n}", f"voter{n}@bench.example")
        tokens.append(APIToken.create_token(user=user, name="bench")[1])
    from django.db import connections

    connections.close_all()
    return idea_ids, tokens


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before answering")
        try:
            with urllib.request.urlopen(f"{base}/healthz/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out while the workers boot
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


@contextmanager
def gunicorn(env: dict[str, str], *, log_name: str, workers: int, threads: int) -> Iterator[str]:
    """Ruche served by gunicorn on a free loopback port, up and answering; yields its base URL.

    Its warnings (the 409s Django logs) go to `log_name` in the temporary folder, out of the
    figures; the server stops when the block ends, whatever happened.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(Path(tempfile.gettempdir()) / log_name, "w") as server_log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "intranet.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=env,
            stderr=server_log,
        )
        try:
            wait_until_up(base, server)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def all_at_once(clients: int, work: Callable[[int], None]) -> float:
    """Run `work(index)` for each client in its own thread, released together by a barrier;
    the seconds until the last one is done."""
    barrier = threading.Barrier(clients)

    def client(index: int) -> None:
        barrier.wait()
        work(index)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def drop_database(url: str) -> None:
    """Close this process's connections, then drop the bench database."""
    from django.db import connections

    connections.close_all()
    recreate_database(url, drop_only=True)


def vote(base: str, token: str, idea_id: int) -> tuple[int, float]:
    request = urllib.request.Request(  # noqa: S310 - loopback URL built here
        f"{base}/api/ideas/{idea_id}/vote/",
        method="POST",
        data=b"",
        headers={"Authorization": f"Bearer {token}"},
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as refused:
        status = refused.code
    return status, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=50)
    parser.add_argument("--ideas", type=int, default=10)
    parser.add_argument("--budget", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    options = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)

    recreate_database(url)
    env = environment(url)
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    idea_ids, tokens = seed(options.voters, options.ideas, options.budget)

    results: list[list[tuple[int, int, float]]] = [[] for _ in tokens]
    with gunicorn(
        env, log_name="ruche-bench-votes.log", workers=options.workers, threads=options.threads
    ) as base:

        def voter(index: int) -> None:
            plan = [idea for idea in idea_ids for _twice in range(2)]
            random.Random(index).shuffle(plan)
            for idea_id in plan:
                status, seconds = vote(base, tokens[index], idea_id)
                results[index].append((idea_id, status, seconds))

        elapsed = all_at_once(len(tokens), voter)

    status = report(results, elapsed, idea_ids, options)
    drop_database(url)
    return status


def report(results, elapsed: float, idea_ids: list[int], options) -> int:
    from django.db.models import Count

    from ideas.models import Idea, Vote

    calls = [call for voter_calls in results for call in voter_calls]
    statuses = Counter(status for _idea, status, _seconds in calls)
    latencies = sorted(seconds for _idea, _status, seconds in calls)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"votes bench: {options.voters} concurrent voters, {len(calls)} requests "
        f"in {elapsed:.2f} s = {len(calls) / elapsed:.0f} requests/s "
        f"(p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms)"
    )
    print(f"  responses: {dict(sorted(statuses.items()))}")

    accepted = statuses.get(200, 0)
    rows = Vote.objects.count()
    per_idea = dict(Vote.objects.values_list("idea_id").annotate(n=Count("pk")))
    counters = dict(Idea.objects.filter(pk__in=idea_ids).values_list("pk", "vote_count"))
    per_voter = Vote.objects.values("user_id").annotate(n=Count("pk"))
    accepted_pairs = Counter(
        (index, idea)
        for index, voter_calls in enumerate(results)
        for idea, status, _s in voter_calls
        if status == 200
    )
    expected = options.voters * min(options.budget, options.ideas)
    problems = []
    if not accepted == rows == expected:
        problems.append(f"accepted {accepted}, stored {rows}, expected {expected}")
    if any(counters[pk] != per_idea.get(pk, 0) for pk in idea_ids):
        problems.append(f"counters {counters} differ from rows {per_idea}")
    if any(row["n"] > options.budget for row in per_voter):
        problems.append("a voter exceeded the budget")
    if any(count > 1 for count in accepted_pairs.values()):
        problems.append("a vote was accepted twice")
    if set(statuses) - {200, 409}:
        problems.append(f"unexpected statuses {statuses}")
    bench(f"vote throughput, {options.voters} voters", len(calls) / elapsed, "requests per s")
    bench("vote p95", p95 * 1000, "ms")
    bench(
        "votes counted exactly once",
        rows,
        "votes",
        f"= {accepted} accepted = counted, budget held",
        not problems,
    )
    if problems:
        print("  exact-count check: FAILED — " + "; ".join(problems))
        return 1
    print(
        f"  exact-count check: OK — {rows} votes stored = {accepted} accepted, "
        f"{sum(counters.values())} counted, no double vote, budget of {options.budget} held"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
