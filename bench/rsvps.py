"""RSVPs under 50 concurrent clients, against Ruche served by gunicorn on PostgreSQL.

    python bench/rsvps.py [--clients 50] [--events 5] [--capacity 20] [--workers 4] [--inline]

Builds a throw-away database (BENCH_DATABASE_URL, default
postgres://ruche:ruche@127.0.0.1:5432/ruche_bench_rsvps), seeds events with a capacity in an
open community, starts gunicorn on loopback, and lets every client answer every event twice at
once through the API (`POST /api/events/{id}/rsvp/` with an API token); one client in five then
gives its place back (`DELETE`), which lets the first one waiting in. It prints the throughput
and latency, then checks that every answer was counted once: one row per person and event,
no more going than the capacity, the places all taken while people wait, each counter equal to
its rows and the waiting list in one unbroken order. Exit status 1 if the check fails.

By default the invitations (email with the `.ics` file) wait in the outbox, as in the full
mode where a worker sends them after commit; `--inline` measures the embedded mode, where each
one is sent inside the request that gave the place.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from bench._setup import bench_line as bench  # noqa: E402
from bench.votes import (  # noqa: E402
    all_at_once,
    drop_database,
    environment,
    gunicorn,
    recreate_database,
)

DEFAULT_URL = "postgres://ruche:ruche@127.0.0.1:5432/ruche_bench_rsvps"


def seed(clients: int, events: int, capacity: int) -> tuple[list[int], list[str]]:
    """Migrate, then an open community, its events, and clients with API tokens."""
    import django
    from django.core.management import call_command

    django.setup()
    import logging

    logging.disable(logging.CRITICAL)  # seeding only: no search engine is configured here
    call_command("migrate", verbosity=0)
    from datetime import timedelta

    from django.contrib.auth.models import User
    from django.db import connections
    from django.utils import timezone
    from wagtail.models import APIToken

    from agenda.models import Event
    from communities.models import Community

    group = Community.objects.create(name="Bench", slug="bench")
    starts = timezone.now() + timedelta(days=7)
    event_ids = [
        Event.objects.create(
            host=group,
            title=f"Atelier {n}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place="Lyon",
            capacity=capacity,
        ).pk
        for n in range(events)
    ]
    tokens = []
    for n in range(clients):
        user = User.objects.create_user(f"client{n}", f"client{n}@bench.example")
        tokens.append(APIToken.create_token(user=user, name="bench")[1])
    connections.close_all()
    return event_ids, tokens


def call(base: str, token: str, event_id: int, method: str) -> tuple[int, float]:
    request = urllib.request.Request(  # noqa: S310 - loopback URL built here
        f"{base}/api/events/{event_id}/rsvp/",
        method=method,
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


def withdraws(index: int) -> bool:
    return index % 5 == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--events", type=int, default=5)
    parser.add_argument("--capacity", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--inline",
        action="store_true",
        help="embedded mode: each invitation email is sent inside the request",
    )
    options = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)

    recreate_database(url)
    env = environment(url)
    if not options.inline:
        # The full mode's path: invitations wait in the outbox for a worker (none here, and
        # nothing is sent to a broker: the address is never contacted).
        env.update({"CELERY_BROKER_URL": "redis://127.0.0.1:9/0", "OUTBOX_SEND_ON_COMMIT": "0"})
    os.environ.update(env)
    event_ids, tokens = seed(options.clients, options.events, options.capacity)

    results: list[list[tuple[str, int, float]]] = [[] for _ in tokens]
    with gunicorn(
        env, log_name="ruche-bench-rsvps.log", workers=options.workers, threads=options.threads
    ) as base:

        def client(index: int) -> None:
            for event_id in event_ids:
                for _twice in range(2):
                    status, seconds = call(base, tokens[index], event_id, "POST")
                    results[index].append(("POST", status, seconds))
            if withdraws(index):
                for event_id in event_ids:
                    status, seconds = call(base, tokens[index], event_id, "DELETE")
                    results[index].append(("DELETE", status, seconds))

        elapsed = all_at_once(len(tokens), client)

    status = report(results, elapsed, event_ids, options)
    drop_database(url)
    return status


def report(results, elapsed: float, event_ids: list[int], options) -> int:
    from agenda.models import RSVP, Event, RSVPStatus
    from agenda.selectors.events import waitlist_position

    calls = [one for client_calls in results for one in client_calls]
    statuses = Counter(status for _method, status, _seconds in calls)
    latencies = sorted(seconds for _method, _status, seconds in calls)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"rsvps bench: {options.clients} concurrent clients, {len(calls)} requests "
        f"in {elapsed:.2f} s = {len(calls) / elapsed:.0f} requests/s "
        f"(p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms)"
    )
    print(f"  responses: {dict(sorted(statuses.items()))}")

    staying = sum(1 for index in range(options.clients) if not withdraws(index))
    expected_going = min(options.capacity, staying)
    problems = []
    for event in Event.objects.filter(pk__in=event_ids):
        rows = RSVP.objects.filter(event=event)
        going = rows.filter(status=RSVPStatus.GOING).count()
        waiting = list(rows.filter(status=RSVPStatus.WAITLIST))
        if rows.count() != staying:
            problems.append(f"event {event.pk}: {rows.count()} answers, expected {staying}")
        if rows.values("user_id").distinct().count() != rows.count():
            problems.append(f"event {event.pk}: someone answered twice")
        if going != expected_going or going > options.capacity:
            problems.append(f"event {event.pk}: {going} going, expected {expected_going}")
        if (event.going_count, event.waitlist_count) != (going, len(waiting)):
            problems.append(
                f"event {event.pk}: counters {event.going_count}/{event.waitlist_count} "
                f"differ from rows {going}/{len(waiting)}"
            )
        if sorted(waitlist_position(answer) for answer in waiting) != list(
            range(1, len(waiting) + 1)
        ):
            problems.append(f"event {event.pk}: the waiting list is not one unbroken order")
    if set(statuses) != {200}:
        problems.append(f"unexpected statuses {statuses}")
    answers = RSVP.objects.filter(event_id__in=event_ids).count()
    from core.models import OutboxTask

    invitations = OutboxTask.objects.filter(task_path="agenda.tasks.confirm_place").count()
    mode = "inline (embedded mode)" if options.inline else "left in the outbox for a worker"
    print(f"  invitations with their .ics: {invitations} tasks, {mode}")
    bench(f"rsvp throughput, {options.clients} clients", len(calls) / elapsed, "requests per s")
    bench("rsvp p95", p95 * 1000, "ms")
    bench(
        "rsvps counted exactly once",
        answers,
        "answers",
        f"= {staying * len(event_ids)}, going ≤ capacity, waiting list exact",
        not problems,
    )
    if problems:
        print("  exact-count check: FAILED — " + "; ".join(problems))
        return 1
    print(
        f"  exact-count check: OK — {answers} answers stored once each, {expected_going} going "
        f"and {staying - expected_going} waiting per event, counters equal to the rows"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
