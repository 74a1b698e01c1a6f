"""An organisation of 50,000 people: do the hot pages stay as fast as at 2,000?

    .venv/bin/python bench/scale.py [--quick] [--people 50000] [--samples 30] [--explain]
                                    [--seed 14] [--keep] [--suffix S]

On a throwaway PostgreSQL database (`ruche_bench_scale`, with the suffix) and its own search
index prefix (`ruche_bench_scale_`), it generates from a seed an organisation of 2,000 people
(20 teams, 800 news, 8 challenges of 100 ideas, 20,000 votes, 8,000 comments, 2,000 posts,
communities, follows, kudos, notices, searches) and measures it, then grows the same world to
`--people` (50,000: 500 teams six levels deep, 20,000 news, 200 challenges, 500,000 votes,
200,000 comments, 50,000 posts) and measures it again. `--quick` grows to 5,000 only.
People, teams, news, ideas and the rest are bulk-created (bench/_scale_*.py), challenges go
through `import_content`; each part's load time is printed (`data load <part>`).

At each size, after ANALYZE and a rebuild of the search index (timed): the directory (first
page and filtered pages), the search page (several queries, real engine), the home feed of an
employee who follows tags, people and communities, the team dashboard of the managers of
hundred-person teams, the org chart (the top of the organisation and the deepest teams) and
one person's weekly digest; p50 and p95 of `--samples` requests each, after a warm-up, in
this process through Django's test client. DESIGN.md §5: p95 at 50,000 at most 1.3× the p95
at 2,000. At the larger size, the weekly signals (last week's terms counted, then its themes)
and the KPI snapshots are timed (target < 120 s), then run again under tracemalloc for their
peak memory. `--explain` prints
`EXPLAIN (ANALYZE, BUFFERS)` of the slow queries of each operation (bench/_scale_explain.py).
The machine is shared: compare the two sizes of one run, never figures of different runs.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import (  # noqa: E402
    add_suffix_argument,
    bench_line,
    bench_names,
    django_on_fresh_database,
    drop_database,
)

SMALL = 2000
GROWTH_TARGET = 1.3
SECONDS_TARGET = 120


@dataclass(frozen=True)
class Size:
    """Everything proportional to the number of people (2,000 → 20 teams, 800 news…),
    rounded up; nothing for nobody."""

    people: int

    @property
    def teams(self) -> int:
        return -(-self.people // 100)

    @property
    def news(self) -> int:
        return self.people * 2 // 5

    @property
    def challenges(self) -> int:
        return -(-self.people // 250)

    @property
    def votes(self) -> int:
        return self.people * 10

    @property
    def comments(self) -> int:
        return self.people * 4

    @property
    def posts(self) -> int:
        return self.people

    @property
    def communities(self) -> int:
        return -(-self.people // 100)


IDEAS_PER_CHALLENGE = 100
REACTIONS_PER_NEWS = 5


def timed(parts: dict[str, float], name: str, action: Callable[[], object]) -> object:
    started = time.perf_counter()
    result = action()
    parts[name] = parts.get(name, 0.0) + time.perf_counter() - started
    print(f"  data load {name}: {time.perf_counter() - started:.1f} s", flush=True)
    return result


def grow(world, size: Size, before: Size | None, parts: dict[str, float]) -> None:
    from bench import _scale_content as content
    from bench import _scale_people as people
    from bench import _scale_social as social

    had = before or Size(0)
    print(f"\n{size.people} people ({size.teams} teams):", flush=True)
    timed(parts, "teams", lambda: people.grow_teams(world, size.teams))
    timed(parts, "people", lambda: people.grow_people(world, size.people))
    timed(parts, "news", lambda: content.grow_news(world, size.news, had.news))
    timed(
        parts,
        "challenges",
        lambda: content.grow_challenges(world, size.challenges, had.challenges),
    )
    timed(
        parts,
        "ideas votes comments",
        lambda: content.grow_ideas(
            world,
            per_challenge=IDEAS_PER_CHALLENGE,
            votes=size.votes - had.votes,
            comments=size.comments - had.comments,
        ),
    )
    timed(parts, "reactions", lambda: content.grow_reactions(world, REACTIONS_PER_NEWS))
    ids = timed(
        parts,
        "communities",
        lambda: social.grow_communities(world, size.communities, had.communities),
    )
    timed(parts, "posts", lambda: social.grow_posts(world, ids, size.posts, had.posts))
    timed(parts, "follows", lambda: social.grow_follows(world, ids, had.people))
    timed(parts, "kudos", lambda: social.grow_kudos(world, had.people))
    timed(parts, "notices", lambda: social.grow_notices(world, had.people))
    timed(parts, "searches", lambda: social.grow_searches(world, had.people))
    timed(parts, "analyze", analyze)


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def rebuild_index() -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("rebuild_search_index", stdout=io.StringIO())
    return time.perf_counter() - started


def traced(action: Callable[[], object]) -> tuple[float, float]:
    """(seconds, tracemalloc peak MiB) of a second run of an idempotent job."""
    tracemalloc.start()
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def weekly_signals_run() -> None:
    """What the weekly beat job does once the baseline weeks are counted: count last week's
    terms (`count_signal_terms` minus its one-off baseline), then find its themes."""
    from insights.detection import weekly_signals
    from insights.selectors import last_complete_week
    from insights.signals_counts import count_week

    week = last_complete_week()
    count_week(week)
    weekly_signals(week)


def background_jobs() -> None:
    """The weekly signals and the KPI snapshots, timed, then again under tracemalloc.

    The first signal run at an installation also counts the eight baseline weeks (one-off:
    bench/signals.py measures it); here the baseline is not counted, so the themes of the
    week are found against fewer weeks than in production, which reads a little less."""
    from insights.tasks import snapshot_kpis

    started = time.perf_counter()
    weekly_signals_run()
    weekly = time.perf_counter() - started
    _, signals_peak = traced(weekly_signals_run)
    started = time.perf_counter()
    snapshots = snapshot_kpis()
    kpis = time.perf_counter() - started
    _, kpis_peak = traced(snapshot_kpis)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nweekly signals run {weekly:.1f} s (peak {signals_peak:.0f} MiB); KPI snapshots "
        f"({snapshots} written) {kpis:.1f} s (peak {kpis_peak:.0f} MiB); "
        f"process RSS peak {rss:.0f} MiB",
        flush=True,
    )
    bench_line("weekly signals run", weekly, "s", f"< {SECONDS_TARGET} s", weekly < SECONDS_TARGET)
    bench_line("KPI snapshots", kpis, "s", f"< {SECONDS_TARGET} s", kpis < SECONDS_TARGET)
    bench_line("weekly signals peak Python memory", signals_peak, "MiB")
    bench_line("KPI snapshots peak Python memory", kpis_peak, "MiB")
    bench_line("scale bench process RSS peak", rss, "MiB")


def report(small: dict, large: dict, people: int) -> None:
    from bench._scale_measure import OPERATIONS

    label = f"{people // 1000}k" if people >= 1000 else str(people)
    print(f"\n{'operation':<20} {'p95 2k':>9} {'p95 ' + label:>9} {'ratio':>6}  queries")
    for name in OPERATIONS:
        a, b = small[name], large[name]
        ratio = b.p95 / a.p95
        print(f"{name:<20} {a.p95:7.1f}ms {b.p95:7.1f}ms {ratio:6.2f}  {a.queries} → {b.queries}")
    for name in OPERATIONS:
        a, b = small[name], large[name]
        ratio = b.p95 / a.p95
        bench_line(f"{name} p95 at 2k", a.p95, "ms")
        bench_line(f"{name} p95 at {label}", b.p95, "ms")
        bench_line(
            f"{name} p95 growth 2k→{label}",
            ratio,
            "ratio",
            f"<= {GROWTH_TARGET}",
            ratio <= GROWTH_TARGET,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000, help="the larger size")
    parser.add_argument("--quick", action="store_true", help="grow to 5,000 people only")
    parser.add_argument("--samples", type=int, default=30, help="timed requests per operation")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the slow queries")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    add_suffix_argument(parser)
    args = parser.parse_args()
    people = 5000 if args.quick else args.people
    if people <= SMALL:
        parser.error(f"--people must be above {SMALL}")
    database, index_prefix = bench_names("ruche_bench_scale", args.suffix)
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    started = time.perf_counter()
    django_on_fresh_database(database, index_prefix=index_prefix)
    sys.stdout.reconfigure(line_buffering=True)

    from bench._scale_explain import explain_operations
    from bench._scale_measure import Readers, calls_of, measure
    from bench._scale_people import World

    world = World(seed=args.seed)
    parts: dict[str, float] = {}
    timings = {}
    before = None
    for size in (Size(SMALL), Size(people)):
        grow(world, size, before, parts)
        seconds = rebuild_index()
        print(f"  search index rebuilt in {seconds:.1f} s", flush=True)
        bench_line(f"search index rebuild at {size.people} people", seconds, "s")
        timings[size.people] = measure(world, args.samples)
        before = size
    if args.explain:
        explain_operations(calls_of(world, Readers(world)))
    background_jobs()
    report(timings[SMALL], timings[people], people)
    for name, seconds in parts.items():
        bench_line(f"data load {name}", seconds, "s")
    load = sum(parts.values())
    bench_line("data load total", load, "s")
    total = time.perf_counter() - started
    bench_line("scale bench total", total, "s", "< 900 s", total < 900)
    if not args.keep:
        drop_database(database)


if __name__ == "__main__":
    main()
