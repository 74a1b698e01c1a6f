"""Shared set-up for the benchmarks: a throwaway PostgreSQL database on the running services.

Each benchmark calls `django_on_fresh_database(name)` before importing anything from Ruche;
it recreates the database, points Django at it and migrates it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The shared folder beside the checkout (/work/shared for /work/main); a worktree elsewhere
# names it with RUCHE_SHARED.
SHARED = Path(os.environ.get("RUCHE_SHARED", REPO.parent / "shared"))
PG = {"user": "ruche", "password": "ruche", "host": "127.0.0.1", "port": 5432}


def add_suffix_argument(parser: argparse.ArgumentParser) -> None:
    """`--suffix` (or BENCH_SUFFIX): appended to a bench's database name and index prefix, so
    that two people running the same bench on the shared services do not collide."""
    parser.add_argument(
        "--suffix",
        type=suffix_type,
        default=suffix_type(os.environ.get("BENCH_SUFFIX", "")),
        help="Appended to the bench's database and index names (default: $BENCH_SUFFIX).",
    )


def suffix_type(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9_]{0,20}", value):
        raise argparse.ArgumentTypeError("lower-case letters, digits and _ only, at most 20")
    return value


def bench_names(base: str, suffix: str) -> tuple[str, str]:
    """The database name and index prefix of the bench `base` with this suffix."""
    name = f"{base}_{suffix}" if suffix else base
    return name, f"{name}_"


def _admin(*statements: str) -> None:
    import psycopg2

    connection = psycopg2.connect(dbname="postgres", **PG)
    connection.autocommit = True
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    connection.close()


def recreate_database(name: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    """Drop a bench's database, whoever is still connected to it."""
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_on_fresh_database(
    name: str, *, index_prefix: str, settings: str = "intranet.settings.base"
) -> None:
    sys.path.insert(0, str(REPO))
    os.chdir(REPO)
    recreate_database(name)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": f"postgres://ruche:ruche@127.0.0.1:5432/{name}",
            "SEARCH_BACKEND": os.environ.get("BENCH_SEARCH_BACKEND", "opensearch2"),
            "SEARCH_URL": os.environ.get("SEARCH_URL", "http://127.0.0.1:9200"),
            "SEARCH_INDEX_PREFIX": index_prefix,
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "LOG_LEVEL": "ERROR",
            "RATE_LIMITS_ENABLED": "0",  # one user sends every query: measure, don't brake
        }
    )
    os.environ.pop("CELERY_BROKER_URL", None)  # tasks run inline: the bench measures search
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def bench_line(figure: str, value: float, unit: str, target: str = "", ok: bool | None = None):
    """Print one headline figure in the form bench/run.py collects (a `BENCH {json}` line);
    `ok` says whether the target is met, None when the figure has no target."""
    line = {"figure": figure, "value": round(value, 3), "unit": unit, "target": target, "ok": ok}
    print("BENCH " + json.dumps(line, ensure_ascii=False), flush=True)
