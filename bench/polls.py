"""Poll ballots under 50 concurrent voters, against Ruche served by gunicorn on PostgreSQL.

    python bench/polls.py [--voters 50] [--polls 10] [--workers 4]

Builds a throw-away database (BENCH_DATABASE_URL, default
postgres://ruche:ruche@127.0.0.1:5432/ruche_bench_polls), seeds one open community with
`--polls` posts carrying a poll each, starts gunicorn on loopback, and lets every voter send
its ballot in each poll twice, in a shuffled order, all voters at once, through the API
(`POST /api/community-posts/{id}/poll/vote/` with an API token). It prints the throughput
and latency, then checks that every ballot was counted exactly once: one 200 per voter and
poll (the second answer 409), ballot rows = accepted = each poll's counter, and each
answer's counter equal to its vote rows. Exit status 1 if the check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
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

DEFAULT_URL = "postgres://ruche:ruche@127.0.0.1:5432/ruche_bench_polls"


def seed(voters: int, polls: int) -> tuple[list[tuple[int, list[int]]], list[str]]:
    """Migrate, then one open community, its polls, and voters with API tokens."""
    import django
    from django.core.management import call_command

    django.setup()
    import logging

    logging.disable(logging.CRITICAL)  # seeding only: no search engine is configured here
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import User
    from django.db import connections
    from wagtail.models import APIToken

    from communities.models import Community, Membership, Role
    from communities.services.polls import PollSpec
    from communities.services.posts import publish_post

    animator = User.objects.create_user("bench-animator", "animator@bench.example")
    where = Community.objects.create(name="Bench", slug="bench", visibility="open")
    Membership.objects.create(community=where, user=animator, role=Role.ANIMATOR)
    made = []
    for n in range(polls):
        post = publish_post(
            community=where,
            author=animator,
            kind="post",
            title=f"Sondage {n}",
            body="<p>Votez</p>",
            poll=PollSpec(f"Question {n} ?", ["A", "B", "C", "D"], multiple=n % 2 == 1),
        )
        made.append((post.pk, list(post.poll.choices.values_list("pk", flat=True))))
    tokens = []
    for n in range(voters):
        user = User.objects.create_user(f"voter{n}", f"voter{n}@bench.example")
        tokens.append(APIToken.create_token(user=user, name="bench")[1])
    connections.close_all()
    return made, tokens


def ballot(base: str, token: str, post_id: int, choices: list[int]) -> tuple[int, float]:
    request = urllib.request.Request(  # noqa: S310 - loopback URL built here
        f"{base}/api/community-posts/{post_id}/poll/vote/",
        method="POST",
        data=json.dumps({"choices": choices}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
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
    parser.add_argument("--polls", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    options = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)

    recreate_database(url)
    env = environment(url)
    os.environ.update(env)
    polls, tokens = seed(options.voters, options.polls)

    results: list[list[tuple[int, int, float]]] = [[] for _ in tokens]
    with gunicorn(
        env, log_name="ruche-bench-polls.log", workers=options.workers, threads=options.threads
    ) as base:

        def voter(index: int) -> None:
            rng = random.Random(index)
            plan = [poll for poll in polls for _twice in range(2)]
            rng.shuffle(plan)
            for post_id, choice_ids in plan:
                chosen = [choice_ids[(index + post_id) % len(choice_ids)]]
                status, seconds = ballot(base, tokens[index], post_id, chosen)
                results[index].append((post_id, status, seconds))

        elapsed = all_at_once(len(tokens), voter)

    status = report(results, elapsed, options)
    drop_database(url)
    return status


def report(results, elapsed: float, options) -> int:
    from django.db.models import Count

    from communities.models import Poll, PollBallot, PollChoice, PollVote

    calls = [call for voter_calls in results for call in voter_calls]
    statuses = Counter(status for _post, status, _seconds in calls)
    latencies = sorted(seconds for _post, _status, seconds in calls)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"polls bench: {options.voters} concurrent voters, {len(calls)} ballots sent "
        f"in {elapsed:.2f} s = {len(calls) / elapsed:.0f} requests/s "
        f"(p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms)"
    )
    print(f"  responses: {dict(sorted(statuses.items()))}")

    accepted = statuses.get(200, 0)
    ballots = PollBallot.objects.count()
    counted = sum(Poll.objects.values_list("ballot_count", flat=True))
    votes = dict(PollVote.objects.values_list("choice_id").annotate(n=Count("pk")))
    counters = dict(PollChoice.objects.values_list("pk", "vote_count"))
    accepted_pairs = Counter(
        (index, post)
        for index, voter_calls in enumerate(results)
        for post, status, _s in voter_calls
        if status == 200
    )
    expected = options.voters * options.polls
    problems = []
    if not accepted == ballots == counted == expected:
        problems.append(
            f"accepted {accepted}, stored {ballots}, counted {counted}, expected {expected}"
        )
    if any(counters[pk] != votes.get(pk, 0) for pk in counters):
        problems.append("an answer's counter differs from its vote rows")
    if any(count > 1 for count in accepted_pairs.values()):
        problems.append("a ballot was accepted twice")
    if set(statuses) - {200, 409}:
        problems.append(f"unexpected statuses {statuses}")
    throughput = len(calls) / elapsed
    bench(f"poll ballot throughput, {options.voters} voters", throughput, "requests per s")
    bench("poll ballot p95", p95 * 1000, "ms")
    bench(
        "poll ballots counted exactly once",
        ballots,
        "ballots",
        f"= {accepted} accepted = counted, one per voter and poll",
        not problems,
    )
    if problems:
        print("  exact-count check: FAILED — " + "; ".join(problems))
        return 1
    print(
        f"  exact-count check: OK — {ballots} ballots stored = {accepted} accepted = "
        f"{counted} counted, {sum(counters.values())} answers counted, no double ballot"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
