"""Reconciliation of the index with the database, the safety net under the outbox.

Every document the database expects is compared with the index by key (`kind:object_id`) and
by a fingerprint of its whole content, permission fields included; whatever differs is
repaired through the same `sync_objects` as a normal update:

- missing: expected, not in the index (an update lost, an index restored from a backup);
- stale: in the index with other content or permissions (a page made private, an idea hidden,
  whose update never ran);
- extra: in the index, not expected (deleted, unpublished, or of a kind no longer indexed).

The beat job `search.reconcile_index` runs it (SEARCH_RECONCILE_INTERVAL); each run's
figures are kept in `IndexReconciliation` and shown by `manage.py search_index_status`.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict
from datetime import UTC, datetime

from django.utils import timezone

from core.findable import SearchDocument, registry
from search.engine import get_engine, uses_engine
from search.indexing import (
    BATCH_SIZE,
    all_documents,
    database_backend,
    database_fields,
    document_id,
    engine_source,
    ensure_index,
    sync_objects,
)
from search.models import IndexReconciliation, SearchEntry

logger = logging.getLogger(__name__)
# The columns of a SearchEntry that `database_fields` fills.
_ENTRY_FIELDS = (
    "key",
    "title",
    "body",
    "url",
    "language",
    "translations",
    "tags",
    "teams",
    "suggestions",
    "date",
    "audience_team_ids",
    "group_ids",
    "community_ids",
    "community_access",
    "visible_from",
    "boost",
    "stale_from",
)


def _plain(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value


def fingerprint(fields: dict) -> str:
    """A digest of a document's fields, the same whichever side (database, index) they come from."""
    plain = {name: _plain(value) for name, value in fields.items()}
    encoded = json.dumps(plain, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _engine_fingerprint(document: SearchDocument) -> str:
    return fingerprint(engine_source(document))


def _database_fingerprint(document: SearchDocument) -> str:
    return fingerprint(database_fields(document))


def expected_fingerprints() -> dict[str, str]:
    """`kind:object_id` → fingerprint of every document the database wants findable."""
    build = _engine_fingerprint if uses_engine() else _database_fingerprint
    return {
        document_id(document.kind, document.object_id): build(document)
        for document in all_documents()
    }


def indexed_fingerprints() -> dict[str, str]:
    """`kind:object_id` → fingerprint of every document in the index."""
    if uses_engine():
        ensure_index()
        return {hit["_id"]: fingerprint(hit["_source"]) for hit in get_engine().scan()}
    entries = SearchEntry.objects.values("kind", "object_id", *_ENTRY_FIELDS)
    return {
        document_id(entry.pop("kind"), entry.pop("object_id")): fingerprint(entry)
        for entry in entries.iterator(chunk_size=BATCH_SIZE)
    }


def _remove_unknown_kind(kind: str, object_ids: list[str]) -> None:
    """Documents of a kind no longer registered: `sync_objects` cannot build them, drop them."""
    if uses_engine():
        index = ensure_index()
        actions = [
            {"_op_type": "delete", "_index": index, "_id": document_id(kind, object_id)}
            for object_id in object_ids
        ]
        get_engine().bulk(actions)
        return
    backend = database_backend()
    for entry in SearchEntry.objects.filter(kind=kind, object_id__in=object_ids):
        backend.delete(entry)
        entry.delete()


def reconcile_index() -> IndexReconciliation:
    """Find the differences between the database and the index, repair them, and record the
    run's figures. An engine that cannot be reached is recorded as the run's error and
    raised, so that the beat job's failure is visible; the next run tries again."""
    run = IndexReconciliation.objects.create(started_at=timezone.now())
    try:
        expected = expected_fingerprints()
        indexed = indexed_fingerprints()
        missing = expected.keys() - indexed.keys()
        extra = indexed.keys() - expected.keys()
        stale = {key for key in expected.keys() & indexed.keys() if expected[key] != indexed[key]}
        run.checked = len(expected)
        run.missing, run.extra, run.stale = len(missing), len(extra), len(stale)
        by_kind: dict[str, list[str]] = defaultdict(list)
        for key in sorted(missing | extra | stale):
            kind, _, object_id = key.partition(":")
            by_kind[kind].append(object_id)
        for kind, object_ids in sorted(by_kind.items()):
            for start in range(0, len(object_ids), BATCH_SIZE):
                batch = object_ids[start : start + BATCH_SIZE]
                if kind in registry:
                    sync_objects(kind, batch)
                else:
                    _remove_unknown_kind(kind, batch)
                run.repaired += len(batch)
    except Exception as error:
        run.error = f"{type(error).__name__}: {error}"[:2000]
        raise
    finally:
        run.finished_at = timezone.now()
        run.save()
        if run.differences:
            logger.warning(
                "Index reconciliation: %s differences (%s missing, %s stale, %s extra), "
                "%s repaired",
                run.differences,
                run.missing,
                run.stale,
                run.extra,
                run.repaired,
            )
    return run
