"""Daily digests through real workers: digests per second with 1, 2 and 4 email workers, and
how fresh search stays while a digest run is in progress.

    .venv/bin/python bench/digests.py [--people 5000] [--workers 1,2,4] [--redis-db 13]

Runs on a throwaway PostgreSQL database (`ruche_bench_queues`), OpenSearch index prefix and
Redis databases (13 for the broker, 14 for results: no test slot in use takes them), end to
end: batches sent to the `email` queue as the beat job plans them, run by `celery worker`
processes (solo pool, one task at a time), mail kept in each worker's memory (the bench
measures Ruche, not an SMTP server). The same people are sent their digest again for each
worker count. Freshness: index updates handed to the `search` queue through the outbox, the
time until a worker has applied them, idle and then while two email workers send a digest
run. Content comes in through `import_content`: teams, people, news addressed to some teams
and published yesterday, and challenges closing tomorrow, some restricted to a team.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import redis  # noqa: E402

from bench._digest_workers import Workers, worker_environment  # noqa: E402
from bench._setup import (  # noqa: E402
    add_suffix_argument,
    bench_line,
    bench_names,
    django_on_fresh_database,
    drop_database,
    percentile,
)


def content(people: int, teams: int, news: int, yesterday: str, now: str, soon: str) -> str:
    lines = [{"kind": "team", "key": f"t{n}", "name": f"Équipe {n}"} for n in range(teams)]
    lines += [
        {
            "kind": "person",
            "key": f"p{n}",
            "first_name": f"Prénom{n}",
            "last_name": f"Nom{n}",
            "email": f"p{n}@example.org",
            "team": f"t{n % teams}",
        }
        for n in range(people)
    ]
    lines += [
        {
            "kind": "news",
            "key": f"n{n}",
            "title": f"Actualité {n}",
            "body": "<p>Texte</p>",
            "published_at": yesterday,
            "audience": [f"t{n % teams}"] if n % 2 else [],
        }
        for n in range(news)
    ]
    lines += [
        {
            "kind": "challenge",
            "key": f"c{n}",
            "title": f"Défi {n}",
            "description": "<p>Idées ?</p>",
            "owner": "p0",
            "opens_at": now,
            "closes_at": soon,
            "audience": [f"t{n % teams}"] if n % 2 else [],
        }
        for n in range(10)
    ]
    return "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--news", type=int, default=40)
    parser.add_argument("--workers", default="1,2,4", help="worker counts to measure, e.g. 1,2,4")
    parser.add_argument("--updates", type=int, default=30, help="index updates per freshness run")
    parser.add_argument("--redis-db", type=int, default=int(os.environ.get("BENCH_REDIS_DB", "13")))
    add_suffix_argument(parser)
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    database, index_prefix = bench_names("ruche_bench_queues", args.suffix)
    django_on_fresh_database(database, index_prefix=index_prefix)
    sys.stdout.reconfigure(line_buffering=True)
    broker = f"redis://127.0.0.1:6379/{args.redis_db}"
    results = f"redis://127.0.0.1:6379/{args.redis_db + 1}"

    seed(args)
    in_process_figures()

    # This process now sends to the bench's broker (its own settings run tasks inline).
    os.environ["CELERY_BROKER_URL"], os.environ["CELERY_RESULT_BACKEND"] = broker, results
    logs = Path(tempfile.mkdtemp(prefix="bench-digests-"))
    env = worker_environment(
        database=database, index_prefix=index_prefix, broker=broker, results=results
    )
    workers = Workers(env=env, logs=logs)
    try:
        rates = {n: digest_run(workers, n, broker, results) for n in counts}
        idle, busy, busy_share = freshness(workers, broker, results, args.updates)
    finally:
        workers.stop_all()
    report(rates, idle, busy, busy_share, args.people)
    drop_database(database)


def seed(args) -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.utils import timezone

    from notifications.digests import window_for
    from notifications.models import Preference
    from search.indexing import rebuild
    from tests.intranet.factories import home_page

    home_page()
    now = timezone.now()
    yesterday = window_for("daily", now).start + timedelta(hours=12)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        handle.write(
            content(
                args.people,
                args.teams,
                args.news,
                yesterday.isoformat(),
                (now - timedelta(days=3)).isoformat(),
                (now + timedelta(hours=20)).isoformat(),
            )
        )
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("import_content", handle.name, stdout=quiet, stderr=quiet)
        rebuild()
    Preference.objects.bulk_create(
        [Preference(user=user, cadence="daily") for user in User.objects.all()]
    )
    print(f"seeded {args.people} people, {args.news} news in {time.perf_counter() - started:.1f} s")


def in_process_figures() -> None:
    """Queries for one digest, measured in this process."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from notifications.digests import window_for
    from notifications.jobs import send_digest
    from notifications.models import DigestRun

    sample = User.objects.get(email="p1@example.org")
    with CaptureQueriesContext(connection) as captured:
        send_digest(user=sample, window=window_for("daily", timezone.now()))
    DigestRun.objects.all().delete()
    print(f"queries for one digest (build, claim, send): {len(captured)}")
    bench_line("SQL queries per digest", len(captured), "queries")


def send_batches(now) -> list:
    """This period's digests as batch tasks on the `email` queue, as the beat job plans them."""
    from intranet.celery import app
    from notifications.jobs import unclaimed_reader_ids
    from notifications.tasks import DIGEST_BATCH

    ids = unclaimed_reader_ids("daily", now)
    return [
        app.send_task(
            "notifications.send_digest_batch",
            args=["daily", now.isoformat(), ids[start : start + DIGEST_BATCH]],
        )
        for start in range(0, len(ids), DIGEST_BATCH)
    ]


def digest_run(workers: Workers, count: int, broker: str, results: str) -> tuple[float, int]:
    """Digests per second with `count` email workers, from the first batch sent to the last
    batch done (workers are started before the clock runs); returns (rate, digests sent)."""
    from django.utils import timezone

    from notifications.models import DigestRun

    DigestRun.objects.all().delete()
    redis.Redis.from_url(broker).flushdb()
    redis.Redis.from_url(results).flushdb()
    for n in range(count):
        workers.start(f"email-{count}-{n}", "email")
    started = time.perf_counter()
    sent = sum(result.get(timeout=1800) for result in send_batches(timezone.now()))
    elapsed = time.perf_counter() - started
    workers.stop_all()
    claimed = DigestRun.objects.count()
    if claimed != sent:
        raise SystemExit(f"{sent} digests reported sent but {claimed} claimed")
    print(f"{count} worker(s): {sent} digests in {elapsed:.1f} s ({sent / elapsed:.1f} per s)")
    return sent / elapsed, sent


def index_update_latency(profile_id: int, word: str) -> float:
    """Change one person's profile and hand its index update to the `search` queue through the
    outbox; returns the milliseconds until the worker has applied it to the engine."""
    from django.utils import timezone

    from core.models import OutboxTask
    from core.outbox import DELIVERY_GRACE, send_to_broker
    from people.models import Profile

    Profile.objects.filter(pk=profile_id).update(bio=word)
    row = OutboxTask.objects.create(
        task_path="search.tasks.sync_documents",
        args=["person", [str(profile_id)]],
        next_attempt_at=timezone.now() + DELIVERY_GRACE,
    )
    sent_at = timezone.now()
    send_to_broker(row.pk, row.task_path)
    while True:
        finished = OutboxTask.objects.filter(pk=row.pk).values_list("finished_at", flat=True)[0]
        if finished:
            return (finished - sent_at).total_seconds() * 1000
        time.sleep(0.01)


def freshness(workers: Workers, broker: str, results: str, updates: int):
    """Index update latency with an idle `search` worker, then while two email workers go
    through a digest run; returns (idle ms, busy ms, share of the run done when it ended)."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    from notifications.models import DigestRun
    from people.models import Profile

    DigestRun.objects.all().delete()
    redis.Redis.from_url(broker).flushdb()
    profiles = list(Profile.objects.order_by("pk").values_list("pk", flat=True)[: 2 * updates])
    workers.start("search", "search")
    idle = [index_update_latency(pk, f"veille{word(n)}") for n, pk in enumerate(profiles[:updates])]
    for n in range(2):
        workers.start(f"email-busy-{n}", "email")
    total = User.objects.count()
    pending = send_batches(timezone.now())
    busy = []
    for n, pk in enumerate(profiles[updates:], start=updates):
        if all(result.ready() for result in pending):
            break
        busy.append(index_update_latency(pk, f"veille{word(n)}"))
        time.sleep(0.2)
    share = DigestRun.objects.count() / total
    for result in pending:
        result.get(timeout=1800)
    check_found(profiles[0], f"veille{word(0)}")
    return idle, busy, share


def word(n: int) -> str:
    """A distinct made-up word per update, in letters only (analysers split digits off)."""
    letters = ""
    for _ in range(4):
        n, digit = divmod(n, 26)
        letters += chr(ord("a") + digit)
    return letters


def check_found(profile_id: int, text: str) -> None:
    """The engine finds what the worker indexed (the figure is not a worker's empty run)."""
    from django.contrib.auth.models import User

    from people.models import Profile
    from search.engine import get_engine
    from search.services import run_search

    get_engine().refresh()
    profile = Profile.objects.select_related("user").get(pk=profile_id)
    user = User.objects.filter(is_active=True).first()
    urls = [hit.url for hit in run_search(user=user, text=text).results]
    if not any(profile.user.username in url for url in urls):
        raise SystemExit(f"the engine did not find the update of profile {profile_id}: {urls}")


def report(rates, idle, busy, busy_share, people: int) -> None:
    for count, (rate, sent) in rates.items():
        once = sent == people
        target = f"every one of {people} digests sent once"
        bench_line(f"digests per s, {count} workers", rate, "digests per s", target, once)
    base = rates.get(1, (0.0, 0))[0]
    for count, (rate, _sent) in rates.items():
        if count == 1 or not base:
            continue
        # Two cores: two workers can nearly double the rate; four share the same two cores.
        target = "≥ 1.6× with 2 workers" if count == 2 else "≥ the 2-worker rate (2 cores)"
        ok = rate / base >= 1.6 if count == 2 else rate >= rates.get(2, (0.0, 0))[0] * 0.9
        bench_line(f"digest scaling, {count}/1 workers", rate / base, "×", target, ok)
    idle_p95, busy_p95 = percentile(idle, 0.95), percentile(busy, 0.95)
    print(
        f"index update latency: idle p95 {idle_p95:.0f} ms ({len(idle)} updates), during a "
        f"digest run p95 {busy_p95:.0f} ms ({len(busy)} updates, run {busy_share:.0%} done after)"
    )
    bench_line("index update p95, idle", idle_p95, "ms")
    bench_line(
        "index update p95, during a digest run",
        busy_p95,
        "ms",
        "≤ 3× idle and < 1 s (own queue)",
        bool(busy) and busy_p95 <= max(3 * idle_p95, 1) and busy_p95 < 1000,
    )


if __name__ == "__main__":
    main()
