"""SQL queries, CPU time and a profile of each main page, on bench/pages.py's full data set.

    python bench/_profile_views.py --build          # (re)create the database and load the data
    python bench/_profile_views.py                  # queries and median CPU ms of each page
    python bench/_profile_views.py --profile "news page" [--profile idea page ...]

A tool for whoever works on the pages' own code (the leading `_` keeps it out of `make bench`):
it loads bench/pages.py's full data set (2,000 people, 500 news, 2,000 ideas, 50,000 community
posts) plus leadership updates with questions, into its own database (`ruche_bench_pages_views`,
or BENCH_PAGES_DATABASE) and index prefix, keeps it between runs, and reads each page through
Django's test client as a signed-in employee. CPU figures are medians of `--repeat` reads;
compare only figures of the same run (the machine is shared and its speed varies).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("BENCH_PAGES_DATABASE", "ruche_bench_pages_views")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._pages_data import NOW, rng_for, sentence  # noqa: E402
from bench._setup import REPO, recreate_database  # noqa: E402
from bench.pages import (  # noqa: E402
    FEED_SIZES,
    FULL,
    READER,
    cpu_samples,
    environment,
    load,
    reference_urls,
)

LEADERSHIP_UPDATES = 5
QUESTIONS_ON_BUSIEST = 60


def leadership_lines(path: Path) -> None:
    import json

    with path.open("w", encoding="utf-8") as handle:
        for n in range(LEADERSHIP_UPDATES):
            rng = rng_for(f"lu-{n}")
            row = {
                "kind": "leadership_update",
                "key": f"lu-{n}",
                "title": f"{sentence(rng, 5)} ({n})",
                "body": sentence(rng, 120),
                "published_at": NOW.isoformat(),
                "author": f"p-{n}",
            }
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def build() -> None:
    """Load the full data set, leadership updates with questions, and index it all."""
    from django.contrib.auth.models import User

    from core.importing.runner import run_import
    from core.models import ExternalKey, OutboxTask
    from news.models import LeadershipUpdatePage, Question, QuestionStatus, QuestionVote
    from people.models import Profile
    from search.indexing import rebuild

    with tempfile.TemporaryDirectory() as folder:
        load(FULL, Path(folder), FEED_SIZES["full"])
        path = Path(folder) / "leadership.jsonl"
        leadership_lines(path)
        report = run_import([path])
        if not report.ok:
            raise SystemExit("\n".join(report.errors[:10]))
    busiest = LeadershipUpdatePage.objects.get(
        pk=int(ExternalKey.objects.get(kind="leadership_update", key="lu-0").object_id)
    )
    user_ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    leader = Profile.objects.order_by("pk").first()
    rng = rng_for("questions")
    questions = Question.objects.bulk_create(
        Question(
            update=busiest,
            author_id=rng.choice(user_ids),
            anonymous=n % 4 == 0,
            body=sentence(rng, 25),
            status=QuestionStatus.ANSWERED if n % 3 == 0 else QuestionStatus.OPEN,
            answer=sentence(rng, 30) if n % 3 == 0 else "",
            answered_by=leader if n % 3 == 0 else None,
            answered_at=NOW if n % 3 == 0 else None,
        )
        for n in range(QUESTIONS_ON_BUSIEST)
    )
    votes = []
    for question in questions:
        voters = rng.sample(user_ids, rng.randint(0, 20))
        votes += [QuestionVote(question=question, user_id=user_id) for user_id in voters]
        question.vote_count = len(voters)
    QuestionVote.objects.bulk_create(votes)
    Question.objects.bulk_update(questions, ["vote_count"])
    OutboxTask.objects.all().delete()
    started = time.perf_counter()
    indexed = sum(rebuild().values())
    print(f"search index rebuilt: {indexed} documents in {time.perf_counter() - started:.0f} s")


def page_urls() -> dict[str, str]:
    """The ten main pages, at their busiest."""
    from django.contrib.auth.models import User

    from core.models import ExternalKey
    from news.models import LeadershipUpdatePage

    urls = reference_urls()
    update_id = int(ExternalKey.objects.get(kind="leadership_update", key="lu-0").object_id)
    other = User.objects.get(email="person1@bench.example")
    urls.update(
        {
            "leadership update": LeadershipUpdatePage.objects.get(pk=update_id).url,
            "profile page": f"/people/{other.get_username()}/",
            "people directory": "/people/",
            "search page": "/search/?q=budget",
        }
    )
    return urls


class _Counter:
    """An execute wrapper that keeps the SQL of every query (whatever DEBUG says)."""

    def __init__(self, into: list[str]) -> None:
        self.into = into

    def __call__(self, execute, sql, params, many, context):
        self.into.append(sql)
        return execute(sql, params, many, context)


def measure(repeat: int, only: list[str]) -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    reader = User.objects.get(email=READER)
    client = Client()
    client.force_login(reader)
    # The minimum suffers least from the other work of a shared machine.
    heading = f"CPU ms (median of {repeat})"
    print(f"{'page':<20} {'queries':>7} {heading:>24} {'min CPU ms':>12}")
    for name, url in page_urls().items():
        if only and name not in only:
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)  # noqa: S101
        captured: list[str] = []
        with connection.execute_wrapper(_Counter(captured)):
            client.get(url)
        times = cpu_samples(client, url, repeat)
        median = times[repeat // 2]
        print(f"{name:<20} {len(captured):>7} {median:>24.1f} {times[0]:>12.1f}", flush=True)


def show_sql(names: list[str]) -> None:
    """The SQL of each named page's second read, one query a line (shortened)."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(email=READER))
    urls = page_urls()
    for name in names:
        client.get(urls[name])
        captured: list[str] = []
        with connection.execute_wrapper(_Counter(captured)):
            client.get(urls[name])
        print(f"===== {name}: {len(captured)} queries")
        for number, sql in enumerate(captured, 1):
            print(f"{number:>3} {sql[:220]}")


def profile(names: list[str]) -> None:
    from django.contrib.auth.models import User
    from django.test import Client
    from pyinstrument import Profiler

    reader = User.objects.get(email=READER)
    client = Client()
    client.force_login(reader)
    urls = page_urls()
    for name in names:
        client.get(urls[name])
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(10):
            client.get(urls[name])
        profiler.stop()
        print(f"===== {name} ({urls[name]}), 10 reads")
        print(profiler.output_text(unicode=True, color=False, show_all=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="recreate and load the database")
    parser.add_argument("--profile", action="append", default=[], help="page name to profile")
    parser.add_argument("--sql", action="append", default=[], help="page name to list SQL of")
    parser.add_argument("--only", action="append", default=[], help="measure only these pages")
    parser.add_argument("--repeat", type=int, default=15)
    options = parser.parse_args()
    env = environment()
    if options.build:
        recreate_database(env["DATABASE_URL"].rsplit("/", 1)[1])
    os.environ.update(env)
    os.environ.pop("CELERY_RESULT_BACKEND", None)
    os.chdir(REPO)
    import django

    django.setup()
    from django.core.management import call_command

    if options.build:
        call_command("migrate", verbosity=0, interactive=False)
        call_command("collectstatic", verbosity=0, interactive=False)
        build()
    if options.sql:
        show_sql(options.sql)
    elif options.profile:
        profile(options.profile)
    else:
        measure(options.repeat, options.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
