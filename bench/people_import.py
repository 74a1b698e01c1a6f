"""Import 10,000 generated people (and their teams) and print the rate.

Runs on a throwaway PostgreSQL database (`ruche_bench_people`, created and dropped here) on
the server of `make services`, with the test settings; background tasks go to Redis
database 15, which this script empties afterwards. Target: under 60 s. It then imports the
same file again, to show the cost of an idempotent re-run (every line an update).

    .venv/bin/python bench/people_import.py [--people 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from bench._setup import bench_line as bench  # noqa: E402

DB_NAME = "ruche_bench_people"
SERVER = "postgres://ruche:ruche@127.0.0.1:5432"
BROKER = "redis://127.0.0.1:6379/15"

FIRST = "Camille Léa Hugo Inès Lucas Chloé Louis Manon Jules Emma Nathan Sarah Karim Mei James "
FIRST += "Zoé Adam Jade Noah Lina Paul Alice Yasmine Arthur Louise Tom Élise Hanna Omar Julie"
LAST = "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
LAST += "Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier "
LAST += "Dupont Lambert Bonnet François Martinez Benali Chen Wilson Haddad Cohen Fischer"
SKILLS = [
    "Python",
    "Django",
    "PostgreSQL",
    "Kubernetes",
    "AWS",
    "Terraform",
    "Linux",
    "Windows",
    "RGPD",
    "Excel",
    "SAP",
    "Figma",
    "SEO",
    "paie",
    "recrutement",
    "formation",
    "négociation",
    "comptabilité",
    "contrôle-de-gestion",
    "juridique",
    "achats",
    "logistique",
    "cybersécurité",
    "réseaux",
    "ITIL",
    "management",
    "rédaction",
    "vidéo",
    "statistiques",
    "Java",
    "Go",
]
LANGUAGES = [
    "français",
    "anglais",
    "espagnol",
    "allemand",
    "italien",
    "arabe",
    "chinois",
    "portugais",
]
CITIES = [
    "Paris",
    "Lyon",
    "Nantes",
    "Lille",
    "Marseille",
    "Bordeaux",
    "Toulouse",
    "Strasbourg",
    "Rennes",
]


def generate(path: Path, people: int, seed: int = 7) -> int:
    """Teams: 1 top, 10 departments, 10 units each; people spread over the 100 units."""
    rng = random.Random(seed)
    rows: list[dict] = [{"kind": "team", "key": "t-top", "name": "Direction générale"}]
    units = []
    for d in range(10):
        rows.append(
            {"kind": "team", "key": f"t-{d}", "name": f"Département {d}", "parent": "t-top"}
        )
        for u in range(10):
            key = f"t-{d}-{u}"
            units.append(key)
            rows.append({"kind": "team", "key": key, "name": f"Unité {d}.{u}", "parent": f"t-{d}"})
    first, last = FIRST.split(), LAST.split()
    leaders: dict[str, str] = {}
    for n in range(people):
        team = units[n % len(units)]
        manager = leaders.get(team, "p-0" if n else None)
        row = {
            "kind": "person",
            "key": f"p-{n}",
            "first_name": rng.choice(first),
            "last_name": rng.choice(last),
            "email": f"person{n}@bench.example",
            "job_title": rng.choice(["Chargé d'études", "Technicienne", "Responsable", "Analyste"]),
            "team": team,
            "skills": rng.sample(SKILLS, rng.randint(1, 4)),
            "languages": rng.sample(LANGUAGES, rng.randint(1, 3)),
            "location": rng.choice(CITIES),
        }
        if manager:
            row["manager"] = manager
        leaders.setdefault(team, f"p-{n}")
        rows.append(row)
    rng.shuffle(rows)  # order inside a file does not matter
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def admin(sql: str) -> None:
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()

    admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin(f"CREATE DATABASE {DB_NAME}")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="intranet.settings.test",
        DATABASE_URL=f"{SERVER}/{DB_NAME}",
        CELERY_BROKER_URL=BROKER,
        CELERY_RESULT_BACKEND=BROKER,
        SEARCH_INDEX_PREFIX=f"{DB_NAME}_",
    )
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from core.importing.runner import run_import
    from people.models import Profile

    try:
        call_command("migrate", verbosity=0)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "people.jsonl"
            lines = generate(path, args.people)
            started = time.perf_counter()
            report = run_import([path])
            elapsed = time.perf_counter() - started
            started = time.perf_counter()
            again = run_import([path])
            elapsed_again = time.perf_counter() - started
        for message in report.errors[:10]:
            print(message, file=sys.stderr)
        imported = Profile.objects.count()
        print(f"people import: {lines} lines ({args.people} people) in {elapsed:.1f} s")
        print(f"  rate: {lines / elapsed:.0f} lines/s; profiles in the database: {imported}")
        print(f"  target: under 60 s — {'met' if elapsed < 60 else 'NOT met'}")
        for line in report.summary_lines():
            print(f"  {line}")
        print(
            f"same file again (idempotent, nothing changes): {elapsed_again:.1f} s, "
            f"{lines / elapsed_again:.0f} lines/s"
        )
        for line in again.summary_lines():
            print(f"  {line}")
        bench(f"people import, {args.people:,} people", elapsed, "s", "< 60 s", elapsed < 60)
        bench("people import rate", lines / elapsed, "lines per s")
        bench("people re-import (idempotent)", elapsed_again, "s")
        # A missed time target is a figure in the table; a line that failed is a broken import.
        return 0 if report.ok and again.ok else 1
    finally:
        connections.close_all()
        admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        import redis

        redis.Redis.from_url(BROKER).flushdb()


if __name__ == "__main__":
    sys.exit(main())
