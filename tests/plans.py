"""Helpers of the index tests (tests/<app>/test_indexes.py): which indexes a table has, the
statements a piece of Ruche really sends, and the plan PostgreSQL chooses for one of them.

The planner's choice is only meaningful on tables with fresh statistics: a test fills the
table (a few thousand rows, enough for an index to beat a scan), runs `analyze(table, ...)`,
then looks for the index's name in the plan of the captured statement.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection


def index_names(table: str) -> set[str]:
    """The names of the indexes PostgreSQL has on this table."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name for name, details in constraints.items() if details["index"]}


def analyze(*tables: str) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')


def statements_of(call: Callable[[], object]) -> list[tuple[str, object]]:
    """Every statement `call` sends, with its parameters (an execute wrapper: it sees the
    statements of a test client's request too, which CaptureQueriesContext may miss)."""
    sent: list[tuple[str, object]] = []

    def record(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        call()
    return sent


def plan_of(sql: str, params: object = None) -> str:
    """The plan PostgreSQL chooses for a statement (EXPLAIN, not run)."""
    with connection.cursor() as cursor:
        if params is None:
            cursor.execute(f"EXPLAIN {sql}")
        else:
            cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(line for (line,) in cursor.fetchall())
