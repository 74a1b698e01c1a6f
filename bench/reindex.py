"""Full reindex of 100,000 real objects with `rebuild_search_index` (DESIGN.md §5: < 2 min).

    python bench/reindex.py [--objects 100000]

Creates people, teams, information pages, news, leadership updates, challenges and ideas in
a throwaway PostgreSQL database (bulk inserts of the very rows Ruche writes: page rows are
placed in the page tree as Wagtail would place them), then runs the rebuild command (new index,
alias swap) and checks that the index holds exactly what the database says is findable.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import bench_line, django_on_fresh_database  # noqa: E402
from bench.search_latency import FIRST, LAST, Vocabulary  # noqa: E402

DATABASE = "ruche_bench_reindex"
PREFIX = "ruche_bench_reindex_"
# Shares of a company intranet's objects; teams and challenges are counted apart.
MIX = {"person": 0.42, "idea": 0.28, "news": 0.16, "page": 0.12, "leadership_update": 0.02}
TEAMS = 300
CHALLENGES = 60
BATCH = 2000


def text(vocabulary: Vocabulary, rng: random.Random, low: int, high: int) -> str:
    return " ".join(vocabulary.draw(rng, rng.randint(low, high)))


def title(vocabulary: Vocabulary, rng: random.Random) -> str:
    return text(vocabulary, rng, 3, 9).capitalize()[:200]


def create_people(count: int, rng: random.Random, vocabulary: Vocabulary) -> list[int]:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User

    from people.models import Profile, Team

    top = Team.objects.bulk_create(
        [Team(name=f"Direction {n}", slug=f"direction-{n}") for n in range(TEAMS // 10)]
    )
    teams = top + Team.objects.bulk_create(
        [
            Team(name=f"Équipe {n}", slug=f"equipe-{n}", parent=rng.choice(top))
            for n in range(TEAMS - len(top))
        ]
    )
    password = make_password("bench")
    user_ids = []
    for start in range(0, count, BATCH):
        users = User.objects.bulk_create(
            [
                User(
                    username=f"person{n}",
                    first_name=rng.choice(FIRST),
                    last_name=rng.choice(LAST),
                    email=f"person{n}@example.org",
                    password=password,
                )
                for n in range(start, min(count, start + BATCH))
            ]
        )
        Profile.objects.bulk_create(
            [
                Profile(
                    user=user,
                    team=rng.choice(teams),
                    job_title=title(vocabulary, rng)[:60],
                    location=rng.choice(["Paris", "Lyon", "Lille", "Nantes", "Toulouse"]),
                    bio=text(vocabulary, rng, 0, 40),
                )
                for user in users
            ]
        )
        user_ids += [user.pk for user in users]
    return user_ids


def bulk_pages(parent, model, rows: list[dict]) -> None:
    """Insert live pages under `parent` in batches: the base page rows (tree paths computed as
    treebeard does), then the rows of the page type's own table."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    position = parent.numchild
    for start in range(0, len(rows), BATCH):
        pages = []
        for offset, fields in enumerate(rows[start : start + BATCH]):
            number = position + offset + 1
            slug = f"{model._meta.model_name}-{number}"
            page = model(
                title=fields.pop("title"),
                draft_title="",
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, number),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale_id=parent.locale_id,
                live=True,
                first_published_at=fields.pop("published_at", now),
                last_published_at=now,
                **fields,
            )
            page.draft_title = page.title
            pages.append(page)
        Page.objects.bulk_create(pages)  # the base rows get their ids here
        for page in pages:
            page.page_ptr_id = page.id
        model._base_manager._insert(pages, fields=model._meta.local_concrete_fields)
        position += len(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=position)
    parent.numchild = position


def body(vocabulary: Vocabulary, rng: random.Random, low: int, high: int):
    from wagtail.rich_text import RichText

    return [("paragraph", RichText(f"<p>{text(vocabulary, rng, low, high)}</p>"))]


def create_content(counts: dict[str, int], rng: random.Random, vocabulary, user_ids) -> None:
    from django.utils import timezone

    from ideas.models import ChallengePage, IdeasHubPage
    from intranet.models import HomePage, StandardPage
    from news.models import LeadershipUpdatePage, NewsPage
    from news.services.sections import ensure_leadership_index, ensure_news_index

    home = HomePage.objects.first()
    now = timezone.now()
    guides = StandardPage(title="Guides", slug="guides")
    home.add_child(instance=guides)
    bulk_pages(
        guides,
        StandardPage,
        [
            {"title": title(vocabulary, rng), "body": body(vocabulary, rng, 120, 700)}
            for _ in range(counts["page"])
        ],
    )
    bulk_pages(
        ensure_news_index(),
        NewsPage,
        [
            {
                "title": title(vocabulary, rng),
                "intro": text(vocabulary, rng, 10, 30),
                "body": body(vocabulary, rng, 80, 400),
                "published_at": now - timedelta(days=rng.randint(0, 900)),
            }
            for _ in range(counts["news"])
        ],
    )
    bulk_pages(
        ensure_leadership_index(),
        LeadershipUpdatePage,
        [
            {
                "title": title(vocabulary, rng),
                "intro": text(vocabulary, rng, 10, 30),
                "body": body(vocabulary, rng, 150, 500),
            }
            for _ in range(counts["leadership_update"])
        ],
    )
    hub = IdeasHubPage(title="Idées", slug="idees")
    home.add_child(instance=hub)
    bulk_pages(
        hub,
        ChallengePage,
        [
            {
                "title": title(vocabulary, rng),
                "description": f"<p>{text(vocabulary, rng, 40, 200)}</p>",
                "challenge_owner_id": rng.choice(user_ids),
                "opens_at": now - timedelta(days=rng.randint(1, 300)),
                "closes_at": now + timedelta(days=rng.randint(1, 90)),
            }
            for _ in range(CHALLENGES)
        ],
    )
    create_ideas(counts["idea"], rng, vocabulary, user_ids)


def create_ideas(count: int, rng: random.Random, vocabulary, user_ids) -> None:
    from django.utils import timezone

    from ideas.models import ChallengePage, Idea

    challenges = list(ChallengePage.objects.values_list("pk", flat=True))
    now = timezone.now()
    for start in range(0, count, BATCH):
        Idea.objects.bulk_create(
            [
                Idea(
                    challenge_id=rng.choice(challenges),
                    author_id=rng.choice(user_ids),
                    anonymous=rng.random() < 0.1,
                    title=title(vocabulary, rng),
                    description=f"<p>{text(vocabulary, rng, 15, 120)}</p>",
                    vote_count=rng.randint(0, 60),
                    created_at=now - timedelta(days=rng.randint(0, 300)),
                )
                for _ in range(min(BATCH, count - start))
            ]
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--objects", type=int, default=100_000)
    args = parser.parse_args()

    django_on_fresh_database(DATABASE, index_prefix=PREFIX)
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from search.engine import get_engine
    from search.indexing import expected_total

    rng = random.Random(11)
    vocabulary = Vocabulary(random.Random(42))
    rest = args.objects - TEAMS - CHALLENGES
    counts = {kind: int(rest * share) for kind, share in MIX.items()}
    counts["person"] += rest - sum(counts.values())
    started = time.perf_counter()
    user_ids = create_people(counts["person"], rng, vocabulary)
    create_content(counts, rng, vocabulary, user_ids)
    created_seconds = time.perf_counter() - started
    in_database = expected_total()
    print(f"Created {in_database:,} findable objects in {created_seconds:.0f} s")

    output = io.StringIO()
    reset_queries()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        call_command("rebuild_search_index", stdout=output)
    seconds = time.perf_counter() - started
    engine = get_engine()
    engine.refresh()
    in_index = sum(engine.count_by_kind().values())
    print(output.getvalue().strip())
    print(
        f"Full reindex of {in_database:,} objects: {seconds:.1f} s, "
        f"{in_database / seconds:,.0f} objects/s, {len(queries)} SQL queries; "
        f"index holds {in_index:,} documents ({'equal to' if in_index == in_database else 'NOT'}"
        f" the database count)"
    )
    bench_line("full reindex", seconds, "s", "< 120 s", seconds < 120)
    bench_line("reindex rate", in_database / seconds, "per s", "", None)
    bench_line("reindex SQL queries", len(queries), "queries", "", None)
    bench_line(
        "index count = database count",
        int(in_index == in_database),
        "bool",
        "1",
        in_index == in_database,
    )


if __name__ == "__main__":
    main()
