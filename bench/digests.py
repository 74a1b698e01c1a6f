"""Daily digests for a few thousand people: time to build and send them, queries per digest,
and the cost of a rerun that finds every digest already sent.

    .venv/bin/python bench/digests.py [--people 2000] [--teams 20] [--news 40]

Runs on a throwaway PostgreSQL database (`ruche_bench_digests`) and OpenSearch index prefix,
with Django's in-memory mail backend (the bench measures Ruche, not an SMTP server).
Content comes in through `import_content`: teams, people, news addressed to some teams and
published yesterday, and challenges closing tomorrow, some restricted to a team.
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

from bench._setup import bench_line, django_on_fresh_database  # noqa: E402


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
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--news", type=int, default=40)
    args = parser.parse_args()
    django_on_fresh_database("ruche_bench_digests", index_prefix="ruche_bench_digests_")
    sys.stdout.reconfigure(line_buffering=True)

    from django.contrib.auth.models import User
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from notifications.digests import window_for
    from notifications.jobs import send_digest, send_digests
    from notifications.models import Preference
    from tests.intranet.factories import home_page

    mail.outbox = []
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
    print(f"seeded {args.people} people, {args.news} news in {time.perf_counter() - started:.1f} s")
    Preference.objects.bulk_create(
        [Preference(user=user, cadence="daily") for user in User.objects.all()]
    )

    sample = User.objects.get(email="p1@example.org")
    window = window_for("daily", now)
    with CaptureQueriesContext(connection) as captured:
        send_digest(user=sample, window=window)
    started = time.perf_counter()
    sent = send_digests("daily", now=now)
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    again = send_digests("daily", now=now)
    rerun = time.perf_counter() - started

    print(f"queries for one digest (build, claim, send): {len(captured)}")
    print(
        f"daily digests: {sent + 1} sent to {args.people} people in {elapsed:.1f} s "
        f"({sent / elapsed:.0f} digests/s); emails in the outbox: {len(mail.outbox)}"
    )
    print(f"rerun of the same period: {again} sent, {rerun:.2f} s")
    emailed_once = not again and len(mail.outbox) == sent + 1
    bench_line("daily digests rate", sent / elapsed, "digests per s")
    bench_line("SQL queries per digest", len(captured), "queries")
    bench_line(
        "digests emailed once (rerun sends none)",
        len(mail.outbox),
        "emails",
        f"= {args.people} people, rerun 0",
        emailed_once,
    )
    if not emailed_once:
        sys.exit(1)


if __name__ == "__main__":
    main()
