"""Writing search documents: one object at a time after a change, or everything on rebuild."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from core.findable import SearchDocument, registry
from core.models import OutboxTask
from search.analysis import MAPPINGS, index_body
from search.engine import alias_name, get_engine, uses_engine
from search.models import SearchEntry
from search.pages import view_restrictions_preloaded

logger = logging.getLogger(__name__)
BATCH_SIZE = 500
# Documents are built while the engine indexes the previous chunk.
REBUILD_THREADS = 2
# Aliases whose mapping this process has brought up to date (fields added by a new version).
_mapping_checked: set[str] = set()


class IndexingError(RuntimeError):
    """The engine refused some documents; the task fails and the outbox retries it."""


def document_id(kind: str, object_id: str) -> str:
    return f"{kind}:{object_id}"


def engine_source(document: SearchDocument) -> dict:
    return {
        "kind": document.kind,
        "object_id": str(document.object_id),
        "key": document.key,
        "parent": document.parent,
        "url": document.url,
        "title": document.title,
        "body": document.body,
        "suggestions": document.suggestions,
        "tags": document.tags,
        "teams": document.teams,
        "language": document.language,
        "translations": document.translations,
        "date": document.date.isoformat() if document.date else None,
        "audience_team_ids": document.audience_team_ids or [],
        "group_ids": document.group_ids or [],
        "restricted_to_teams": document.audience_team_ids is not None,
        "restricted_to_groups": document.group_ids is not None,
        "community_ids": document.community_ids or [],
        "community_access": document.community_access,
        "restricted_to_communities": document.community_ids is not None,
        "visible_from": document.visible_from.isoformat() if document.visible_from else None,
        "boost": document.boost,
        # Only when set: the documents indexed before the field existed keep their fingerprint.
        **({"stale_from": document.stale_from.isoformat()} if document.stale_from else {}),
    }


def ensure_index() -> str:
    """The alias of the unified index, created with its first concrete index if missing."""
    engine = get_engine()
    if not engine.indices_behind_alias():
        name = new_index_name()
        engine.create_index(name, index_body())
        engine.update_aliases([{"add": {"index": name, "alias": alias_name()}}])
    elif alias_name() not in _mapping_checked:
        # An index built by an older version lacks the newer fields, and its strict mapping
        # would refuse documents holding them: add them, no rebuild needed.
        engine.add_fields(alias_name(), MAPPINGS["properties"])
    _mapping_checked.add(alias_name())
    return alias_name()


def new_index_name() -> str:
    return f"{alias_name()}_{timezone.now():%Y%m%d%H%M%S%f}"


def documents_for(kind: str, object_ids: Iterable[str]) -> dict[str, SearchDocument | None]:
    """The current document of each object; None for objects gone or not findable."""
    search_kind = registry[kind]
    ids = [str(object_id) for object_id in object_ids]
    found = {str(obj.pk): obj for obj in search_kind.queryset().filter(pk__in=ids)}
    # Many at once (the ideas of a challenge whose audience or privacy changed): page privacy
    # is read once for them all, not once per document.
    with view_restrictions_preloaded() if len(found) > 1 else nullcontext():
        return {
            object_id: search_kind.document(found[object_id]) if object_id in found else None
            for object_id in ids
        }


def sync_objects(kind: str, object_ids: list[str]) -> None:
    """Index or remove each object so that the search matches the database."""
    documents = documents_for(kind, object_ids)
    if uses_engine():
        _sync_engine(kind, documents)
    else:
        _sync_database(kind, documents)


def _sync_engine(kind: str, documents: dict[str, SearchDocument | None]) -> None:
    engine = get_engine()
    try:
        _sync_engine_documents(kind, documents)
    except (*engine.tls_errors, *engine.refusal_errors) as error:
        # The task fails and the outbox retries it; its error says which setting to fix.
        raise IndexingError(str(engine.unavailable(error))) from error


def _sync_engine_documents(kind: str, documents: dict[str, SearchDocument | None]) -> None:
    index = ensure_index()
    actions: list[dict[str, Any]] = []
    for object_id, document in documents.items():
        if document is None:
            actions.append(
                {"_op_type": "delete", "_index": index, "_id": document_id(kind, object_id)}
            )
        else:
            actions.append(
                {
                    "_op_type": "index",
                    "_index": index,
                    "_id": document_id(kind, object_id),
                    "_source": engine_source(document),
                }
            )
    _, errors = get_engine().bulk(actions)
    real_errors = [e for e in errors if e.get("delete", {}).get("status") != 404]
    if real_errors:
        raise IndexingError(f"{len(real_errors)} documents refused: {real_errors[:3]}")


def database_backend():
    return get_search_backend("wagtail.search.backends.database")


def _sync_database(kind: str, documents: dict[str, SearchDocument | None]) -> None:
    backend = database_backend()
    with transaction.atomic():
        for object_id, document in documents.items():
            if document is None:
                for entry in SearchEntry.objects.filter(kind=kind, object_id=object_id):
                    backend.delete(entry)
                    entry.delete()
            else:
                entry, _ = SearchEntry.objects.update_or_create(
                    kind=kind, object_id=object_id, defaults=database_fields(document)
                )
                backend.add(entry)


def database_fields(document: SearchDocument) -> dict:
    return {
        "key": document.key or "",
        "title": document.title,
        "body": document.body,
        "url": document.url,
        "language": document.language or "",
        "translations": " ".join(document.translations),
        "tags": "\n".join(document.tags),
        "teams": "\n".join(document.teams),
        "suggestions": "\n".join(document.suggestions),
        "date": document.date,
        "audience_team_ids": document.audience_team_ids,
        "group_ids": document.group_ids,
        "community_ids": document.community_ids,
        "community_access": document.community_access,
        "visible_from": document.visible_from,
        "boost": document.boost,
        "stale_from": document.stale_from,
    }


def all_documents(kinds: Iterable[str] | None = None) -> Iterator[SearchDocument]:
    with view_restrictions_preloaded():
        for kind in kinds or list(registry):
            for obj in registry[kind].queryset().iterator(chunk_size=BATCH_SIZE):
                document = registry[kind].document(obj)
                if document is not None:
                    yield document


def expected_total() -> int:
    return sum(registry[kind].queryset().count() for kind in registry)


def rebuild(progress: Callable[[int], object] | None = None) -> dict[str, int]:
    """Index everything into a new index, then swap the alias to it in one atomic step.

    Searches keep using the old index until the swap; updates made during the rebuild are
    replayed afterwards from the outbox, so none is lost.
    """
    started_at = timezone.now()
    if not uses_engine():
        return _rebuild_database(progress)
    engine = get_engine()
    name = new_index_name()
    body = index_body()
    # Nobody searches the new index before the swap: no refresh while it fills.
    body["settings"]["index"]["refresh_interval"] = "-1"
    engine.create_index(name, body)
    counts: dict[str, int] = {}

    def actions():
        for document in all_documents():
            counts[document.kind] = counts.get(document.kind, 0) + 1
            if progress:
                progress(1)
            yield {
                "_op_type": "index",
                "_index": name,
                "_id": document_id(document.kind, document.object_id),
                "_source": engine_source(document),
            }

    try:
        _, errors = engine.bulk(actions(), threads=REBUILD_THREADS)
        if errors:
            raise IndexingError(f"rebuild aborted, {len(errors)} documents refused: {errors[:3]}")
        engine.put_settings(name, {"index": {"refresh_interval": None}})  # back to the default
        engine.refresh(name)
    except BaseException:
        # A failed or interrupted rebuild leaves no half-filled index behind.
        engine.delete_index(name)
        raise
    old = engine.indices_behind_alias()
    engine.update_aliases(
        [{"remove": {"index": old_name, "alias": alias_name()}} for old_name in old]
        + [{"add": {"index": name, "alias": alias_name()}}]
    )
    for old_name in old:
        engine.delete_index(old_name)
    replay_changes_since(started_at)
    return counts


def _rebuild_database(progress) -> dict[str, int]:
    counts: dict[str, int] = {}
    backend = database_backend()
    with transaction.atomic():
        for entry in SearchEntry.objects.iterator():
            backend.delete(entry)
        SearchEntry.objects.all().delete()
        entries = []
        for document in all_documents():
            entries.append(
                SearchEntry(
                    kind=document.kind, object_id=document.object_id, **database_fields(document)
                )
            )
            counts[document.kind] = counts.get(document.kind, 0) + 1
            if progress:
                progress(1)
        SearchEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        backend.add_bulk(SearchEntry, list(SearchEntry.objects.all()))
    return counts


def replay_changes_since(moment: datetime) -> None:
    """Re-sync the objects whose index updates were enqueued while a rebuild ran."""
    pending = OutboxTask.objects.filter(
        task_path="search.tasks.sync_documents", created_at__gte=moment
    ).values_list("args", flat=True)
    for kind, object_ids in pending:
        if kind in registry:
            sync_objects(kind, object_ids)
