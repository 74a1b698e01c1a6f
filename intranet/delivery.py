"""Deliver once: an effect outside the database (an email) happens at most once per key, even
when the task that causes it is rolled back and run again.

The outbox runs a task in one transaction. A task that mails several people and whose worker
is killed midway loses, with that transaction, every record of the emails already accepted by
the mail server (a notice's `emailed_at`, the notices themselves), and its retry would mail
them again. `deliver_once` records each delivery right after it happens in a `Delivery` row
written on a connection of its own (PostgreSQL, inside a transaction), which commits at once
whatever becomes of the task's transaction. Outside a transaction, or on SQLite (the embedded
mode runs tasks inline, in the request: no worker to kill), the default connection commits it.

The window left is the instant between the mail server's "accepted" and the record's commit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend

from intranet.models import Delivery

if TYPE_CHECKING:
    from django.db.backends.utils import CursorWrapper

logger = logging.getLogger(__name__)


@contextmanager
def _ledger() -> Iterator[CursorWrapper]:
    """A cursor whose writes commit at once, whatever the caller's transaction.

    Inside a transaction on PostgreSQL, that takes a connection of its own, opened for the
    statement and closed after it (an email costs far more than a connection, and nothing is
    left open, in a worker or a test)."""
    default = connections[DEFAULT_DB_ALIAS]
    if default.vendor != "postgresql" or not default.in_atomic_block:
        with default.cursor() as cursor:
            yield cursor
        return
    backend = load_backend(default.settings_dict["ENGINE"])
    own = backend.DatabaseWrapper(dict(default.settings_dict), alias="delivery-ledger")
    try:
        with own.cursor() as cursor:
            yield cursor
    finally:
        own.close()


def _execute(sql: str, params: list[str]) -> list[tuple[Any, ...]]:
    with _ledger() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def delivered(key: str) -> bool:
    table = Delivery._meta.db_table
    return bool(_execute(f"SELECT 1 FROM {table} WHERE key = %s", [key]))  # noqa: S608


def record_delivery(key: str) -> None:
    table = Delivery._meta.db_table
    _execute(
        f"INSERT INTO {table} (key, delivered_at) VALUES (%s, CURRENT_TIMESTAMP) "  # noqa: S608
        "ON CONFLICT (key) DO NOTHING",
        [key],
    )


def deliver_once(*, key: str, send: Callable[[], None]) -> bool:
    """Call `send()` unless a delivery of `key` is recorded, then record it; returns whether
    it was called. Callers serialise concurrent runs (a row lock on what they deliver); a
    `send` that raises records nothing, so the retry sends."""
    if delivered(key):
        logger.info("Delivery %s already made; not repeated", key)
        return False
    send()
    record_delivery(key)
    return True


def notice_delivery_key(recipient_id: int, notice_key: str) -> str:
    """The delivery key of a notice's email: the same for every run that posts the notice."""
    return f"notice-email:{recipient_id}:{notice_key}"[:255]
