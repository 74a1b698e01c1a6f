"""Weekly signals at 50,000 people: are the planted topics found, and how long does a week take?

    .venv/bin/python bench/signals.py [--people 50000] [--weeks 12] [--texts 6000] [--suffix S]

Runs on a throwaway PostgreSQL database (`ruche_bench_signals`, with the suffix; by default
`slot<RUCHE_TEST_SLOT>` when that is set). It generates an organisation of `--people` people
in 100 teams and `--weeks` weeks of community posts and searches that found nothing (bulk
inserts): background texts drawn from a vocabulary with a Zipf-like law (so some words are
everywhere, as in any organisation), and planted topics in French and English, each with a
known kind at the last week: emerging (absent, then a burst; one of them rising from a known
week), strong (sustained every week) and fading (sustained, then falling in the last week).

Figures: precision and recall of the planted topics among the themes of the last week
(a theme is right when its terms belong to one planted topic and its kind is that topic's),
the week an emerging topic is first told emerging, the time and peak memory (tracemalloc and
RSS) of the first run (every baseline week counted) and of a weekly run (one new week counted,
then its themes), and, when bench/_frustration.py exists, its frustration figures.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import random
import resource
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._setup import (  # noqa: E402
    add_suffix_argument,
    bench_line,
    bench_names,
    django_on_fresh_database,
    drop_database,
)

TEAMS = 100
WORDS_PER_TEXT = 9
VOCABULARY = 3000
SYLLABLES = [
    "ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo",
    "bre", "cla", "dro", "fri", "gla", "pla", "tri", "ven", "mon", "lur", "tan", "sor",
]  # fmt: skip
# (phrase, kind at the last week, volume): people per week while the topic is on.
PLANTED = [
    ("panne du badge parking", "emerging", 160),
    ("broken coffee machine", "emerging", 140),
    ("fermeture de la cantine", "emerging", 150),  # rises from RISING_FROM weeks before the end
    ("note de frais", "strong", 150),
    ("remote work allowance", "strong", 130),
    ("planning des congés", "strong", 140),
    ("mutuelle santé", "fading", 150),
    ("parking vélo couvert", "fading", 140),
]
RISING_FROM = 2  # "fermeture de la cantine" starts in the third week before the last
FADED_PEOPLE = 20


def vocabulary(rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def topic_people(kind: str, volume: int, week: int, weeks: int, phrase: str) -> int:
    last = weeks - 1
    if kind == "emerging":
        start = last - RISING_FROM if phrase.startswith("fermeture") else last
        return volume if week >= start else 0
    if kind == "fading":
        return FADED_PEOPLE if week == last else volume
    return volume


def generate(args, rng: random.Random):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from communities.models import Community, Post
    from insights.selectors import last_complete_week, week_bounds
    from people.models import Profile, Team
    from search.models import SearchQueryLog
    from search.services import searcher_hash_for_id

    user_model = get_user_model()
    teams = Team.objects.bulk_create(
        [Team(name=f"Équipe {n}", slug=f"equipe-{n}") for n in range(TEAMS)]
    )
    unusable = make_password(None)  # nobody signs in: one unusable password for everyone
    users = user_model.objects.bulk_create(
        [
            user_model(username=f"p{n}", email=f"p{n}@example.org", password=unusable)
            for n in range(args.people)
        ],
        batch_size=5000,
    )
    existing = set(Profile.objects.values_list("user_id", flat=True))
    Profile.objects.bulk_create(
        [
            Profile(user=user, team=teams[n % TEAMS])
            for n, user in enumerate(users)
            if user.pk not in existing
        ],
        batch_size=5000,
    )
    hashes = [searcher_hash_for_id(user.pk) for user in users]
    place = Community.objects.create(name="Tout le monde", slug="tout-le-monde")
    words = vocabulary(rng)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(words))]
    last = last_complete_week()
    first = last - timedelta(weeks=args.weeks - 1)
    now = timezone.now()
    for week_number in range(args.weeks):
        monday = first + timedelta(weeks=week_number)
        start = week_bounds(monday)[0]
        posts, searches = [], []
        for _n in range(args.texts):
            body = " ".join(rng.choices(words, weights, k=WORDS_PER_TEXT))
            at = start + timedelta(hours=rng.randint(8, 6 * 24 + 18))
            author = rng.randrange(args.people)
            posts.append(
                Post(
                    community=place,
                    author_id=users[author].pk,
                    body=f"<p>{body}</p>",
                    created_at=at,
                    publish_at=at,
                    last_activity_at=at,
                )
            )
        for phrase, kind, volume in PLANTED:
            for person in rng.sample(
                range(args.people), topic_people(kind, volume, week_number, args.weeks, phrase)
            ):
                noise = " ".join(rng.choices(words, weights, k=4))
                at = start + timedelta(hours=rng.randint(8, 6 * 24 + 18))
                if rng.random() < 0.3:  # some look for it and find nothing
                    searches.append(
                        SearchQueryLog(
                            query=phrase,
                            normalized_query=phrase,
                            result_count=0,
                            searcher=hashes[person],
                        )
                    )
                else:
                    text = (
                        f"<p>{noise}. Encore la {phrase}, {noise}</p>"
                        if phrase[0] in "pfmn"
                        else f"<p>{noise}. The {phrase} again, {noise}</p>"
                    )
                    posts.append(
                        Post(
                            community=place,
                            author_id=users[person].pk,
                            body=text,
                            created_at=at,
                            publish_at=at,
                            last_activity_at=at,
                        )
                    )
        for _n in range(args.texts // 2):  # background searches that found nothing
            query = " ".join(rng.choices(words, weights, k=2))
            searches.append(
                SearchQueryLog(
                    query=query,
                    normalized_query=query,
                    result_count=0,
                    searcher=hashes[rng.randrange(args.people)],
                )
            )
        Post.objects.bulk_create(posts, batch_size=5000)
        made = SearchQueryLog.objects.bulk_create(searches, batch_size=5000)
        with connection.cursor() as cursor:  # created_at is set on insert: date them in the week
            cursor.execute(
                "UPDATE search_searchquerylog SET created_at = %s + (id %% 6) * interval '1 day'"
                " + interval '10 hours' WHERE id BETWEEN %s AND %s",
                [start, min(s.pk for s in made), max(s.pk for s in made)],
            )
        print(f"week {monday}: {len(posts)} posts, {len(searches)} searches", flush=True)
    assert last < now.date()
    return last


def planted_terms() -> list[tuple[str, str, set[str]]]:
    from insights.signals_text import terms_of

    return [(phrase, kind, terms_of(phrase)) for phrase, kind, _volume in PLANTED]


def score(themes: list[dict]) -> tuple[float, float, dict[str, int]]:
    """Precision (themes that are a planted topic with its kind) and recall (planted topics
    found with their kind), and how many themes each planted topic came out as."""
    planted = planted_terms()
    found: dict[str, int] = {phrase: 0 for phrase, _k, _t in planted}
    right = 0
    for theme in themes:
        terms = {theme["label"], *theme["terms"]}
        match = [p for p, kind, t in planted if terms & t and kind == theme["kind"]]
        if match:
            right += 1
            found[match[0]] += 1
        else:
            print(f"  not planted: {theme['label']} ({theme['kind']}, {theme['people']})")
    precision = right / len(themes) if themes else 0.0
    recall = sum(1 for n in found.values() if n) / len(planted)
    return precision, recall, found


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measured(label: str, work, *, target: bool = True):
    tracemalloc.start()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    if target:
        bench_line(f"{label}: time", seconds, "s", "< 120 s", seconds < 120)
    else:  # filling the baseline once, after installing: no target
        bench_line(f"{label}: time", seconds, "s")
    bench_line(f"{label}: peak Python memory", peak / 2**20, "MiB")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--texts", type=int, default=6000, help="background posts per week")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    add_suffix_argument(parser)
    args = parser.parse_args()
    slot = os.environ.get("RUCHE_TEST_SLOT")
    suffix = args.suffix or (f"slot{slot}" if slot else "")
    name, prefix = bench_names("ruche_bench_signals", suffix)
    django_on_fresh_database(name, index_prefix=prefix)
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(name)


def run(args) -> None:
    from insights.detection import counted_window
    from insights.signals_counts import count_week
    from insights.signals_trends import themes_of_week

    rng = random.Random(20261203)
    started = time.perf_counter()
    last = generate(args, rng)
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)
    previous = last - timedelta(weeks=1)
    measured("first run, 9 baseline weeks counted", lambda: counted_window(previous), target=False)
    themes = measured(
        "weekly run (one week counted, then its themes)",
        lambda: (count_week(last), themes_of_week(last))[1],
    )
    bench_line("peak RSS of the whole run", rss_mb(), "MiB")
    precision, recall, found = score(themes)
    for theme in themes:
        print(f"  {theme['kind']:8} {theme['label']!r} {theme['people']} {theme['terms']}")
    bench_line("planted topics: precision", precision, "", ">= 0.9", precision >= 0.9)
    bench_line("planted topics: recall", recall, "", ">= 0.9", recall >= 0.9)
    bench_line(
        "themes per planted topic found",
        sum(found.values()) / max(1, sum(1 for n in found.values() if n)),
        "themes",
    )
    rising = "fermeture de la cantine"
    for back in range(RISING_FROM + 1, -1, -1):
        week = last - timedelta(weeks=back)
        kinds = {
            t["kind"]
            for t in themes_of_week(week)
            if {t["label"], *t["terms"]} & planted_terms()[2][2]
        }
        if "emerging" in kinds:
            bench_line(
                f'"{rising}" first emerging, weeks after it began',
                RISING_FROM - back,
                "weeks",
                "0",
                back == RISING_FROM,
            )
            break
    if importlib.util.find_spec("bench._frustration") is not None:
        frustration = importlib.import_module("bench._frustration")
        for name in ("main", "run", "report", "frustration_figures"):
            if callable(getattr(frustration, name, None)):
                getattr(frustration, name)()
                break


if __name__ == "__main__":
    main()
