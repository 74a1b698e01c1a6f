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
import threading
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.utils import load_backend

from intranet.models import Delivery

logger = logging.getLogger(__name__)
_local = threading.local()


def _ledger():
    """The connection that records deliveries: one that commits on its own."""
    default = connections[DEFAULT_DB_ALIAS]
    if default.vendor != "postgresql" or not default.in_atomic_block:
        return default
    wrapper = getattr(_local, "wrapper", None)
    if wrapper is None or wrapper.settings_dict["NAME"] != default.settings_dict["NAME"]:
        if wrapper is not None:
            wrapper.close()
        backend = load_backend(default.settings_dict["ENGINE"])
        wrapper = backend.DatabaseWrapper(dict(default.settings_dict), alias="delivery-ledger")
        _local.wrapper = wrapper
    return wrapper


def _execute(sql: str, params: list) -> list:
    for attempt in (1, 2):
        ledger = _ledger()
        try:
            with ledger.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        except DatabaseError:
            if ledger is connections[DEFAULT_DB_ALIAS] or attempt == 2:
                raise
            ledger.close()  # a connection that broke (database restarted): open a new one
    return []


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
