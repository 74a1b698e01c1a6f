"""How long the demo's activity (intranet/demo/activity_load.py) takes to generate, on a copy
of a SQLite database that holds the demo's world without its activity (the embedded mode of
`make run`: SQLite, database search, tasks inline).

    .venv/bin/python bench/_demo_activity.py --database /path/to/world.sqlite3

The copy is made first, so the database given is left as it was. The machine is shared and
noisy: the figure comes with a baseline measured in the same run (re-importing demo/*.jsonl,
which updates every object of the world in place) and their ratio.
Not run by `make bench` (its name starts with `_`): preparing a world takes minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._setup import bench_line  # noqa: E402 - the path above must be set first

TARGET_SECONDS = 15.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, type=Path, help="a SQLite world, unchanged")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="s14-demo-activity-bench-"))
    copy = workdir / "db.sqlite3"
    shutil.copyfile(args.database, copy)
    os.environ["DATABASE_URL"] = f"sqlite:///{copy}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.dev")
    import django

    django.setup()
    from core.importing.runner import run_import
    from intranet.demo.activity_load import add_demo_activity
    from people.models import Profile

    people = Profile.objects.active().count()
    started = time.perf_counter()
    run_import(sorted((ROOT / "demo").glob("*.jsonl")))
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    lines = add_demo_activity()
    spent = time.perf_counter() - started
    started = time.perf_counter()
    again = add_demo_activity()
    second = time.perf_counter() - started
    for line in lines:
        print(f"  {line}")
    print(f"  load average: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    bench_line(
        f"demo activity on SQLite, {people} people",
        spent,
        "s",
        f"under {TARGET_SECONDS:g} s",
        spent < TARGET_SECONDS,
    )
    bench_line("baseline: re-import of demo/*.jsonl, same run", baseline, "s")
    bench_line("demo activity ÷ baseline", spent / baseline, "×")
    bench_line("second run (adds nothing)", second, "s", "no line printed", not again)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
