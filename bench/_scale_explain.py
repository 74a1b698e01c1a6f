"""`bench/scale.py --explain`: the plans of the queries each measured operation really sends.

Each operation runs once under CaptureQueriesContext; each SELECT it sent is explained with
`EXPLAIN (ANALYZE, BUFFERS)`. Printed: every query slower than SLOW_MS, and every one whose
plan scans or sorts a large table (more than LARGE_ROWS rows) whole, with its plan, so that
the missing index shows. Statements are recorded with their parameters by an execute wrapper
(bench/_scale_measure.Recorder) and explained with the same parameters, so that a `%%` in the
SQL is read as the driver reads it (without parameters psycopg2 would leave it doubled).
"""

from __future__ import annotations

import re
from collections.abc import Callable

SLOW_MS = 5.0
LARGE_ROWS = 20_000
_EXECUTION = re.compile(r"Execution Time: ([\d.]+) ms")


def large_tables() -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > %s",
            [LARGE_ROWS],
        )
        return {name for (name,) in cursor.fetchall()}


def explain(sql: str, params: object) -> tuple[float, list[str]]:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        if params is None:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        else:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        lines = [line for (line,) in cursor.fetchall()]
        transaction.set_rollback(True)  # ANALYZE runs it: nothing it might write stays
    found = next((m for line in lines if (m := _EXECUTION.search(line))), None)
    return (float(found.group(1)) if found else 0.0), lines


def suspicious(lines: list[str], tables: set[str]) -> list[str]:
    """Lines of a plan that read a large table whole or sort many rows."""
    flagged = []
    for line in lines:
        scan = re.search(r"Seq Scan on (\w+)", line)
        if scan and scan.group(1) in tables:
            flagged.append(line.strip())
        sort = re.search(r"Sort .*actual time=[\d.]+\.\.[\d.]+ rows=(\d+)", line)
        if sort and int(sort.group(1)) > LARGE_ROWS:
            flagged.append(line.strip())
    return flagged


def explain_operations(calls: dict[str, list[Callable[[], None]]]) -> None:
    from bench._scale_measure import recorded

    tables = large_tables()
    print(f"\nEXPLAIN (ANALYZE, BUFFERS); large tables: {', '.join(sorted(tables))}")
    for name, operation in calls.items():
        operation[0]()  # warm: caches filled as in the timed runs
        statements = [
            (sql, params)
            for sql, params in recorded(operation[0])
            if sql.lstrip().upper().startswith(("SELECT", "WITH", "(SELECT"))
        ]
        total = 0.0
        report = []
        for sql, params in statements:
            took, lines = explain(sql, params)
            total += took
            flagged = suspicious(lines, tables)
            if took >= SLOW_MS or flagged:
                report.append((took, sql, params, lines, flagged))
        print(f"\n== {name}: {len(statements)} SELECTs, {total:.1f} ms in the database")
        for took, sql, params, lines, flagged in sorted(report, key=lambda r: -r[0]):
            print(f"-- {took:.1f} ms: {sql[:600]} {str(params)[:200]}")
            for line in flagged:
                print(f"   !! {line}")
            for line in lines:
                print(f"   {line}")
