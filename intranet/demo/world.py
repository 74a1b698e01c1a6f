"""The demo world's content, imported through the import format (DESIGN.md §2): the generated
organisation, the generated newsroom and the hand-written files of `demo/`, re-dated so that
the story always ends today.

The hand-written files are dated as if `load_demo` ran on `WRITTEN_ON`; every date in them is
moved by the days between that day and today. A line whose key is stored already is left out:
a second load adds nothing and changes nothing (a news item imported again would be
republished as a new revision, its date moved if the day changed).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from core.importing.runner import ImportReport, run_import
from core.models import ExternalKey
from intranet.demo.calendar import DemoCalendar
from intranet.demo.newsroom import newsroom_rows
from intranet.demo.org import organisation_rows

WRITTEN_ON = date(2026, 12, 3)
# Fields of the import format that hold a date or a moment, at any depth of a line.
DATE_FIELDS = {"published_at", "created_at", "starts_at", "ends_at", "opens_at", "closes_at", "at"}
DAY_FIELDS = {"must_read_by"}


def redated(value: Any, shift: timedelta) -> Any:
    """The line (or part of a line) with every date field moved by `shift`."""
    if isinstance(value, list):
        return [redated(item, shift) for item in value]
    if not isinstance(value, dict):
        return value
    moved: dict[str, Any] = {}
    for name, item in value.items():
        if name in DATE_FIELDS and isinstance(item, str):
            moved[name] = (datetime.fromisoformat(item) + shift).isoformat()
        elif name in DAY_FIELDS and isinstance(item, str):
            moved[name] = (date.fromisoformat(item) + shift).isoformat()
        else:
            moved[name] = redated(item, shift)
    return moved


def written_rows(folder: Path, calendar: DemoCalendar) -> list[dict[str, Any]]:
    """The lines of the hand-written `*.jsonl` files, re-dated to end today."""
    shift = calendar.today - WRITTEN_ON
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            rows.extend(redated(json.loads(line), shift) for line in lines if line.strip())
    return rows


def new_rows(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lines whose key is not stored yet for their kind (one query)."""
    stored = set(ExternalKey.objects.values_list("kind", "key"))
    return [row for row in rows if (row.get("kind"), row.get("key")) not in stored]


def import_world(folder: Path, calendar: DemoCalendar) -> ImportReport:
    """Import the organisation, the newsroom and the hand-written files; lines stored by an
    earlier load are left out."""
    rows = new_rows(
        [*organisation_rows(calendar), *newsroom_rows(calendar), *written_rows(folder, calendar)]
    )
    with tempfile.TemporaryDirectory(prefix="ruche-demo-") as directory:
        path = Path(directory) / "demo-world.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return run_import([path])
