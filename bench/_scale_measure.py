"""The operations bench/scale.py times at each size, and how it times them.

Pages go through Django's test client in this process (the full middleware stack, a signed-in
reader per client), digests through `notifications.digests.build_digest`. Each operation is
warmed up, then sampled `samples` times, rotating over several readers, teams or queries;
p50 and p95 come from the sorted samples (bench/_setup.percentile).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bench._scale_people import World, parent_of, team_depth
from bench._scale_social import READER
from bench._setup import percentile

WARM_UP = 3
SEARCHES = ["télétravail", "badge parking", "formation sécurité", "Martin", "cantine vélo"]
# Operations with the DESIGN.md §5 target "p95 at 50,000 at most 1.3× the p95 at 2,000".
OPERATIONS = [
    "directory",
    "directory filtered",
    "search",
    "home feed",
    "team dashboard",
    "org chart root",
    "org chart deep",
    "digest",
]


@dataclass
class Timing:
    name: str
    samples: list[float]  # wall-clock ms: what the target is on
    cpu: list[float]  # this process's CPU ms: less shaken by a loaded machine
    queries: int

    @property
    def p50(self) -> float:
        return percentile(self.samples, 0.50)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 0.95)

    @property
    def cpu_p95(self) -> float:
        return percentile(self.cpu, 0.95)


def leaf_teams(world: World, count: int) -> list[int]:
    """The last `count` teams: leaves of the tree, about a hundred people each."""
    parents = {parent_of(t) for t in range(world.teams)}
    return [t for t in reversed(range(world.teams)) if t not in parents][:count]


def deepest_people(world: World, count: int) -> list[int]:
    """Members (not leaders) of the deepest teams."""
    deepest = max(range(world.teams), key=team_depth)
    depth = team_depth(deepest)
    teams = {t for t in range(world.teams) if team_depth(t) == depth}
    found = [
        n
        for n in range(world.people - 1, -1, -1)
        if world.team_of[n] in teams and world.leader_of[world.team_of[n]] != n
    ]
    return found[:count]


def requests(world: World) -> dict[str, list[tuple[int, str]]]:
    """Per operation: (reader person number, URL) pairs to rotate over."""
    from people.models import Team

    readers = [READER, READER + 1, READER + 2]
    slugs = dict(Team.objects.values_list("pk", "slug"))
    dashboards = [
        (world.leader_of[t], f"/insights/teams/{slugs[world.team_ids[t]]}/")
        for t in leaf_teams(world, 3)
    ]
    return {
        "directory": [(r, "/people/") for r in readers],
        "directory filtered": [
            (readers[0], "/people/?location=Lyon&skill=Python"),
            (readers[1], f"/people/?team={slugs[world.team_ids[1]]}&sort=team"),
            (readers[2], "/people/?knows=rust&language=anglais"),
        ],
        "search": [(readers[i % 3], f"/search/?q={q}") for i, q in enumerate(SEARCHES)],
        "home feed": [(READER, "/")],
        "team dashboard": dashboards,
        "org chart root": [(r, "/people/person0/org-chart/") for r in readers],
        "org chart deep": [
            (readers[0], f"/people/person{n}/org-chart/") for n in deepest_people(world, 3)
        ],
    }


class Readers:
    """One signed-in test client per person, made on first use."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.clients: dict[int, object] = {}

    def get(self, person: int, url: str) -> None:
        from django.test import Client

        client = self.clients.get(person)
        if client is None:
            from django.contrib.auth.models import User

            client = Client()
            client.force_login(User.objects.get(pk=self.world.user_ids[person]))
            self.clients[person] = client
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} as person{person}: {response.status_code}")


class Recorder:
    """Every statement run on the default connection while installed, with its parameters.

    Not CaptureQueriesContext: the test client's request_started signal clears the
    connection's query log it slices, so it sees nothing of a request after the first."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def recorded(call: Callable[[], None]) -> list[tuple[str, object]]:
    from django.db import connection

    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        call()
    return recorder.statements


def sample(name: str, calls: list[Callable[[], None]], samples: int) -> Timing:
    for n in range(WARM_UP):
        calls[n % len(calls)]()
    queries = len(recorded(calls[0]))
    times, cpu = [], []
    for n in range(samples):
        started, cpu_started = time.perf_counter(), time.process_time()
        calls[n % len(calls)]()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return Timing(name, times, cpu, queries)


def digest_calls(world: World) -> list[Callable[[], None]]:
    from django.contrib.auth.models import User
    from django.utils import timezone

    from notifications.digests import build_digest, window_for

    window = window_for("weekly", timezone.now())
    users = list(User.objects.filter(pk__in=[world.user_ids[n] for n in (READER, 8, 9, 100)]))

    def build(user) -> Callable[[], None]:
        return lambda: build_digest(user, window)

    return [build(user) for user in users]


def calls_of(world: World, readers: Readers) -> dict[str, list[Callable[[], None]]]:
    calls: dict[str, list[Callable[[], None]]] = {
        name: [lambda p=person, u=url: readers.get(p, u) for person, url in pairs]
        for name, pairs in requests(world).items()
    }
    calls["digest"] = digest_calls(world)
    return calls


def measure(world: World, samples: int) -> dict[str, Timing]:
    readers = Readers(world)
    calls = calls_of(world, readers)
    timings = {}
    for name in OPERATIONS:
        timings[name] = sample(name, calls[name], samples)
        timing = timings[name]
        print(
            f"  {name:<20} p50 {timing.p50:7.1f} ms  p95 {timing.p95:7.1f} ms  "
            f"(CPU p95 {timing.cpu_p95:6.1f} ms)  {timing.queries} queries",
            flush=True,
        )
    return timings
