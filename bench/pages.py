"""Page latency under load, and SQL queries per page at two data sizes.

    python bench/pages.py [--users 10] [--duration 40] [--workers 3] [--threads 2]
                          [--counts-only] [--profile PAGE [--profile-requests 50]]

Builds a throwaway PostgreSQL database (`ruche_bench_pages`, or BENCH_PAGES_DATABASE) through
`import_content`: first a small data set, then the full one (2,000 people, 50 teams, 500 news,
20 challenges, 2,000 ideas with votes and comments; news reactions and comments bulk-created;
for the home feed, 200 communities and 50,000 posts with tags, memberships, follows and
events, bulk-created, `bench/_communities_data.py`; 50 leadership updates, and people with
full profiles and managers). After each, it counts the SQL queries of every main page (home,
news index, the busiest news page and leadership update, a challenge, the busiest idea, a
community, the profile with the most reports, the directory, a search) through Django's test
client on the same database: the count must not grow with the lists; it also times the CPU
Django spends on each, one request at a time, at both sizes (paginated lists keep it nearly
flat; this machine's speed varies by up to 1.6× over an hour, so compare figures of one run).
Every page is compared with the floor, measured in the same run: a bare Wagtail page rendered
in the site's base template, navigation and header for the same reader (bench/_floor.py);
DESIGN.md §5 wants each page's CPU at most twice the floor's. `--profile PAGE` profiles a page
with pyinstrument instead, into test-artifacts/bench/profile-<page>.html and .txt.
Then it serves Ruche with gunicorn (production settings, DEBUG off, on loopback) and loads
it with locust, headless, as signed-in employees: first at a reading pace for the latency of
each kind of page, then without pauses for the throughput. Background tasks stay in the
outbox (nothing consumes them); the search index (prefix `ruche_bench_pages_`) is rebuilt
after each data set, for the search page. The cache is Redis (BENCH_CACHE_URL, default
database 15, keys prefixed with the database's name and the run), shared by the workers as
in production (compose.yaml's CACHE_URL).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._communities_data import build_communities  # noqa: E402
from bench._floor import FLOOR_SLUG, install_floor_template  # noqa: E402
from bench._pages_data import Sizes, engage_news, write  # noqa: E402
from bench._setup import REPO, drop_database, recreate_database  # noqa: E402
from bench._setup import bench_line as bench  # noqa: E402

DATABASE = os.environ.get("BENCH_PAGES_DATABASE", "ruche_bench_pages")
PREFIX = f"{DATABASE}_"
READER = "person7@bench.example"
# Communities and posts of the home feed, small → full (50,000 posts).
FEED_SIZES = {"small": (20, 500), "full": (200, 50_000)}
ARTIFACTS = REPO / "test-artifacts" / "bench"
SMALL = Sizes(people=200, teams=10, news=30, challenges=2, ideas=40, heavy=3, leadership=5)
FULL = Sizes(people=2000, teams=50, news=500, challenges=20, ideas=2000, heavy=60, leadership=50)
FLOOR = "floor"  # a bare Wagtail page in the site's base template: what any page costs at least
PAGES = [
    FLOOR,
    "home",
    "news index",
    "news page",
    "leadership update",
    "challenge page",
    "idea page",
    "community page",
    "profile",
    "directory",
    "search page",
]
FLOOR_RATIO_TARGET = 2  # DESIGN.md §5: a page's CPU at most twice the floor's
P95_TARGET_MS = 50  # DESIGN.md §5, news and challenge pages


def environment() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_RESULT_BACKEND", "DJANGO_SETTINGS_MODULE", "RUCHE_TEST_SLOT"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
            "DATABASE_URL": f"postgres://ruche:ruche@127.0.0.1:5432/{DATABASE}",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SEARCH_BACKEND": "opensearch2",
            "SEARCH_URL": os.environ.get("SEARCH_URL", "http://127.0.0.1:9200"),
            "SEARCH_INDEX_PREFIX": PREFIX,
            # Writes keep their tasks in the outbox and nothing sends them: the data set is
            # built without indexing or notifying line by line; the index is rebuilt once.
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/15",
            # The cache shared by the workers, as compose.yaml has it (per-person badges and
            # permissions, sites, the header's menu); keys apart per run (ids are reused).
            "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15"),
            "CACHE_KEY_PREFIX": f"{DATABASE}_{secrets.token_hex(4)}",
            "OUTBOX_SEND_ON_COMMIT": "0",
            "STATIC_ROOT": str(ARTIFACTS / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "ERROR",
            "PYTHONPATH": str(REPO),
        }
    )
    return env


def load(sizes: Sizes, folder: Path, feed: tuple[int, int]) -> None:
    from core.importing.runner import run_import

    path = folder / f"data-{sizes.ideas}.jsonl"
    lines = write(path, sizes)
    started = time.perf_counter()
    report = run_import([path])
    if not report.ok:
        raise SystemExit("import failed:\n" + "\n".join(report.errors[:10]))
    engage_news(sizes)
    communities, posts = feed
    build_communities(communities=communities, posts=posts, reader_email=READER)
    print(
        f"data set: {sizes.people} people, {sizes.teams} teams, {sizes.news} news, "
        f"{sizes.challenges} challenges, {sizes.ideas} ideas, {communities} communities, "
        f"{posts} posts ({lines} import lines "
        f"in {time.perf_counter() - started:.0f} s)",
        flush=True,
    )


def reference_urls() -> dict[str, str]:
    """The pages measured: the floor, and the busiest news page, leadership update, challenge,
    idea, community and profile, the lists, and a search."""
    from core.models import ExternalKey
    from ideas.models import ChallengePage, Idea
    from news.models import LeadershipUpdatePage, NewsIndexPage, NewsPage
    from people.models import Profile

    def keyed(kind: str, key: str) -> int:
        return int(ExternalKey.objects.get(kind=kind, key=key).object_id)

    # p-1 manages a tenth of everyone below p-20 or so: the profile with the most reports
    manager = Profile.objects.select_related("user").get(pk=keyed("person", "p-1"))
    return {
        FLOOR: floor_page().url,
        "home": "/",
        "news index": NewsIndexPage.objects.get().url,
        "news page": NewsPage.objects.get(pk=keyed("news", "n-0")).url,
        "leadership update": LeadershipUpdatePage.objects.get(
            pk=keyed("leadership_update", "l-0")
        ).url,
        "challenge page": ChallengePage.objects.get(pk=keyed("challenge", "c-0")).url,
        "idea page": Idea.objects.get(pk=keyed("idea", "i-0")).get_absolute_url(),
        # open, and the reader is a member: its posts (a 200th of them all) and events
        "community page": "/communities/communaute-0/",
        "profile": f"/people/{quote(manager.user.username)}/",
        "directory": "/people/",
        "search page": f"/search/?q={quote('télétravail budget')}",
    }


def floor_page():
    """The floor: a plain Wagtail `Page` under the home page, published, created once.

    It renders `bench/floor.html` (bench/_floor.py), the site's base template with an empty
    content block, so it costs what every page of the site costs before its own content.
    """
    from wagtail.models import Page

    from intranet.models import HomePage

    existing = Page.objects.filter(slug=FLOOR_SLUG, content_type=_plain_page_type()).first()
    if existing:
        return existing
    home = HomePage.objects.get()
    page = home.add_child(instance=Page(title="Plancher", slug=FLOOR_SLUG))
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk)


def _plain_page_type():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    return ContentType.objects.get_for_model(Page)


def count_queries(reader) -> dict[str, int]:
    """SQL queries of each reference page for a signed-in employee, the second time it is read."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(reader)
    counts = {}
    for name, url in reference_urls().items():
        assert client.get(url).status_code == 200, url  # noqa: S101 - a broken page stops here
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url  # noqa: S101
        counts[name] = len(captured)
    return counts


def cpu_per_page(reader, repeat: int = 9) -> dict[str, float]:
    """Median CPU time (ms) Django spends on each reference page, read one after another.

    Unlike latencies under load, this hardly depends on what else the machine is doing,
    so it shows what a page costs even on a busy shared machine.
    """
    from django.test import Client

    client = Client()
    client.force_login(reader)
    medians = {}
    for name, url in reference_urls().items():
        client.get(url)
        medians[name] = cpu_samples(client, url, repeat)[repeat // 2]
    return medians


def cpu_samples(client, url: str, repeat: int) -> list[float]:
    """CPU time (ms) of `repeat` reads of one page by a signed-in client, smallest first."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        client.get(url)
        times.append((time.process_time() - started) * 1000)
    return sorted(times)


def sizes_of_lists() -> dict[str, str]:
    from django.db.models import Count

    from communities.models import Post
    from core.conversations.models import Comment, Conversation, Reaction
    from core.conversations.selectors import comments_of
    from ideas.models import ChallengePage, Idea, Vote
    from news.models import NewsPage

    busiest = (
        Conversation.objects.filter(object_id__in=NewsPage.objects.values("pk"))
        .annotate(n=Count("comments"))
        .order_by("-n")
        .first()
    )
    return {
        "news": f"{NewsPage.objects.count()} news",
        "home feed": f"{Post.objects.count()} community posts",
        "news page": f"{Comment.objects.filter(conversation=busiest).count()} comments, "
        f"{Reaction.objects.filter(conversation=busiest).count()} reactions",
        "challenge": f"{Idea.objects.count() // max(ChallengePage.objects.count(), 1)} ideas",
        "idea": f"{Vote.objects.count()} votes, {comments_of(Idea).count()} idea comments",
    }


def plan(folder: Path, sessions: int) -> Path:
    """Session keys of signed-in employees and the addresses they read, for the locust users."""
    from django.contrib.auth.models import User
    from django.test import Client

    from ideas.models import ChallengePage, Idea
    from news.models import NewsPage

    keys = []
    for user in User.objects.order_by("pk")[:sessions]:
        client = Client()
        client.force_login(user)
        keys.append(client.cookies["sessionid"].value)
    refs = reference_urls()
    news = [refs["news page"], *(p.url for p in NewsPage.objects.live().order_by("pk")[1:40])]
    ideas = [refs["idea page"]] + [
        idea.get_absolute_url() for idea in Idea.objects.order_by("pk")[1:40]
    ]
    from news.models import LeadershipUpdatePage
    from people.models import Profile

    leadership = [
        refs["leadership update"],
        *(p.url for p in LeadershipUpdatePage.objects.live().order_by("pk")[1:20]),
    ]
    profiles = [refs["profile"]] + [
        f"/people/{quote(username)}/"
        for username in Profile.objects.filter(user__is_active=True)
        .order_by("pk")
        .values_list("user__username", flat=True)[1:40]
    ]
    content = {
        "sessions": keys,
        "floor": refs[FLOOR],
        "leadership_updates": leadership,
        "profiles": profiles,
        "directory": refs["directory"],
        "community": refs["community page"],
        "news_index": refs["news index"],
        "news_pages": news,
        "challenge_pages": [page.url for page in ChallengePage.objects.live()],
        "idea_pages": ideas,
        "queries": [quote(q) for q in ["télétravail", "budget", "cantine vélo", "Martin"]],
    }
    path = folder / "plan.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def serve(env: dict[str, str], port: int, workers: int, threads: int, log) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            # Ruche's application, with the floor page's template (bench/_pages_wsgi.py)
            *(sys.executable, "-m", "gunicorn", "bench._pages_wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
            *("--threads", str(threads), "--log-level", "warning"),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before answering")
        try:
            url = f"http://127.0.0.1:{port}/healthz/"
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer in time")


def locust(env, plan_path, port, *, users, seconds, wait, name) -> dict[str, dict]:
    """Run locust headless; its statistics per kind of page (and "Aggregated")."""
    prefix = ARTIFACTS / f"pages-{name}"
    command = [
        *(sys.executable, "-m", "locust", "-f", str(REPO / "bench" / "_locust_pages.py")),
        *("--headless", "--host", f"http://127.0.0.1:{port}", "--users", str(users)),
        *("--spawn-rate", str(users), "--run-time", f"{seconds}s", "--csv", str(prefix)),
        *("--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"),
    ]
    locust_env = {**env, "BENCH_PAGES_PLAN": str(plan_path), "BENCH_PAGES_WAIT": wait}
    with open(f"{prefix}.log", "w", encoding="utf-8") as log:  # its own summary tables
        subprocess.run(
            command, cwd=REPO, env=locust_env, check=True, stdout=log, stderr=subprocess.STDOUT
        )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


Measures = dict[str, dict[str, float]]  # data set ("small", "full") → page → figure


def print_counts(counts: Measures, cpu: Measures, sizes) -> None:
    """The SQL queries and CPU time of each page at both sizes, and its CPU over the floor's."""
    print(f"\nSQL queries per page (signed-in employee), small → full data set: {sizes}")
    for name in PAGES:
        small, full = counts["small"][name], counts["full"][name]
        flag = "constant" if small == full else "GROWS"
        print(f"  {name:<18} {small:>4} → {full:<4} {flag}")
    print(
        "\nDjango CPU time per page, one request at a time (median, ms), small → full data set,"
        " and the full set's CPU over the floor's (same run):"
    )
    for name in PAGES:
        small, full = cpu["small"][name], cpu["full"][name]
        ratio = full / cpu["full"][FLOOR]
        growth = full / small
        print(f"  {name:<18} {small:>6.1f} → {full:>6.1f}  (× {growth:.2f})  floor × {ratio:.2f}")


def bench_counts(counts: Measures, cpu: Measures) -> None:
    """The BENCH lines of the SQL queries and CPU time of each page."""
    for name in PAGES:
        small, full = counts["small"][name], counts["full"][name]
        target = f"constant (small set: {small})"
        bench(f"{name} SQL queries", full, "queries", target, small == full)
    floor = cpu["full"][FLOOR]
    for name in PAGES:
        bench(f"{name} CPU per request", cpu["full"][name], "ms")
        if name != FLOOR:
            ratio = cpu["full"][name] / floor
            target = f"<= {FLOOR_RATIO_TARGET}"
            bench(f"{name} CPU / floor", ratio, "ratio", target, ratio <= FLOOR_RATIO_TARGET)


def report(counts: Measures, cpu: Measures, paced: dict, flat_out: dict, sizes) -> None:
    print_counts(counts, cpu, sizes)
    print("\nLatency at a reading pace (ms), locust against gunicorn:")
    print(f"  {'page':<18} {'requests':>8} {'failures':>8} {'p50':>6} {'p95':>6} {'p99':>6}")
    for name in [*PAGES, "Aggregated"]:
        row = paced.get(name)
        if row:
            print(
                f"  {name:<18} {row['Request Count']:>8} {row['Failure Count']:>8} "
                f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
            )
    total = flat_out["Aggregated"]
    print(
        f"\nThroughput without pauses: {float(total['Requests/s']):.1f} pages/s "
        f"(p50 {total['50%']} ms, p95 {total['95%']} ms, {total['Failure Count']} failures)\n"
    )
    bench_counts(counts, cpu)
    for name in PAGES:
        growth = cpu["full"][name] / cpu["small"][name]
        bench(f"{name} CPU, full / small data set", growth, "ratio", "<= 1.5", growth <= 1.5)
    for name in PAGES:
        row = paced.get(name)
        if not row:
            continue
        p95 = float(row["95%"])
        bench(f"{name} p50", float(row["50%"]), "ms")
        bench(f"{name} p95", p95, "ms", f"< {P95_TARGET_MS} ms", p95 < P95_TARGET_MS)
    failures = sum(int(row["Failure Count"]) for row in (paced["Aggregated"], total))
    bench("page throughput (no pauses)", float(total["Requests/s"]), "per s")
    bench("page request failures", failures, "requests", "0", failures == 0)


def profile_pages(reader, names: list[str], requests: int) -> None:
    """Profile `requests` reads of each named page with pyinstrument (after one warm read);
    write test-artifacts/bench/profile-<page>.html and .txt."""
    from django.test import Client
    from pyinstrument import Profiler

    client = Client()
    client.force_login(reader)
    urls = reference_urls()
    for name in names:
        url = urls[name]
        assert client.get(url).status_code == 200, url  # noqa: S101 - warm: templates compiled
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(requests):
            client.get(url)
        profiler.stop()
        stem = ARTIFACTS / f"profile-{name.replace(' ', '-')}"
        stem.with_suffix(".html").write_text(profiler.output_html(), encoding="utf-8")
        text = profiler.output_text(unicode=True, color=False, show_all=False)
        stem.with_suffix(".txt").write_text(text, encoding="utf-8")
        print(f"profile of {requests} × {name} ({url}): {stem}.html, {stem}.txt", flush=True)


def page_name(value: str) -> str:
    """A page of PAGES, written with spaces or hyphens ("news-page"), or "all"."""
    name = value.replace("-", " ")
    if name != "all" and name not in PAGES:
        raise argparse.ArgumentTypeError(f"choose among all, {', '.join(PAGES)}")
    return name


def rebuild_index() -> None:
    """The search index from the database, for the search page (nothing consumes the outbox)."""
    from core.models import OutboxTask
    from search.indexing import rebuild

    OutboxTask.objects.all().delete()
    started = time.perf_counter()
    indexed = sum(rebuild().values())
    print(f"search index rebuilt: {indexed} documents in {time.perf_counter() - started:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10, help="locust users at a reading pace")
    parser.add_argument("--duration", type=int, default=40, help="seconds of each locust run")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--counts-only",
        action="store_true",
        help="SQL queries and CPU per page at both sizes, without serving and loading the site",
    )
    parser.add_argument(
        "--profile",
        type=page_name,
        action="append",
        metavar="PAGE",
        help="profile this page (repeat, or 'all') on the full data set, write "
        "test-artifacts/bench/profile-<page>.html/.txt, and stop there",
    )
    parser.add_argument(
        "--profile-requests", type=int, default=50, help="requests per profiled page"
    )
    parser.add_argument(
        "--profile-size",
        choices=["small", "full"],
        default="full",
        help="the data set the profiles are taken on (small is quicker to build)",
    )
    options = parser.parse_args()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    recreate_database(DATABASE)
    env = environment()
    os.environ.update(env)
    os.environ.pop("CELERY_RESULT_BACKEND", None)
    os.chdir(REPO)
    import django

    django.setup()
    install_floor_template()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    counts: dict[str, dict[str, int]] = {}
    cpu: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, sizes in (("small", SMALL), ("full", FULL)):
            load(sizes, Path(folder), FEED_SIZES[label])
            rebuild_index()
            reader = User.objects.get(email=READER)
            if options.profile:
                if label == options.profile_size:
                    names = PAGES if "all" in options.profile else options.profile
                    profile_pages(reader, names, options.profile_requests)
                    cleanup(keep=options.keep)
                    return 0
                continue
            counts[label] = count_queries(reader)
            cpu[label] = cpu_per_page(reader)
        described = sizes_of_lists()
        if options.counts_only:
            print_counts(counts, cpu, described)
            bench_counts(counts, cpu)
            cleanup(keep=options.keep)
            return 0
        plan_path = plan(Path(folder), sessions=50)
        connections.close_all()

        port = int(os.environ.get("BENCH_PAGES_PORT", "8766"))
        with (ARTIFACTS / "pages-gunicorn.log").open("w") as log:
            server = serve(env, port, options.workers, options.threads, log)
            try:
                run = dict(env=env, plan_path=plan_path, port=port, seconds=options.duration)
                # Every worker compiles its templates and opens its connection first.
                locust(**{**run, "seconds": 10}, users=3, wait="0,0", name="warm-up")
                paced = locust(**run, users=options.users, wait="0.5,1.5", name="paced")
                run["seconds"] = max(options.duration // 2, 10)
                flat_out = locust(**run, users=8, wait="0,0", name="throughput")
            finally:
                server.terminate()
                server.wait(timeout=30)
    report(counts, cpu, paced, flat_out, described)
    cleanup(keep=options.keep)
    return 0


def cleanup(*, keep: bool) -> None:
    from django.db import connections

    from search.engine import get_engine

    engine = get_engine()
    for name in engine.indices_behind_alias():
        engine.delete_index(name)
    connections.close_all()
    if not keep:
        drop_database(DATABASE)


if __name__ == "__main__":
    sys.exit(main())
