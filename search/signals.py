"""Changes that alter a search document re-index it from the state the transaction commits.

`sync_documents` builds each document from the database when it runs, so it must run after
the commit of everything the change writes: a page's own save comes before its audience rows,
an imported object before its import key, a view restriction before its groups. Through the
outbox (full mode) the task is stored with the write and handed to the worker after commit;
a backend that runs tasks at once (the embedded mode) is only asked once the transaction
commits (at once outside a transaction).

Besides the kind's own model, `SearchKind.related` names the models whose changes alter its
documents; a related model that is the `through` table of a many-to-many relation (a
challenge's audience, a restriction's groups) is followed through `m2m_changed`, either side.
"""

from __future__ import annotations

from functools import partial
from typing import cast

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_tasks.backends.immediate import ImmediateBackend

from core.findable import SearchKind
from core.outbox import InlineBackend
from search.tasks import sync_documents


def enqueue_sync(kind: str, object_ids) -> None:
    """Re-index these objects of `kind` once the current transaction commits."""
    ids = sorted({str(object_id) for object_id in object_ids if object_id is not None})
    if not ids:
        return
    # A task run inline would read the state before the transaction's later writes (audience
    # rows, import keys); a stored one is read by the worker after commit.
    if isinstance(sync_documents.get_backend(), ImmediateBackend | InlineBackend):
        transaction.on_commit(partial(sync_documents.enqueue, kind, ids))
    else:
        sync_documents.enqueue(kind, ids)


def is_through_model(model: type[models.Model]) -> bool:
    """An automatically created many-to-many table (`Model.field.through`)."""
    return bool(model._meta.auto_created)


def _m2m_field(through: type[models.Model]) -> models.Field:
    source = cast("type[models.Model]", through._meta.auto_created)  # the model, for a through
    return next(f for f in source._meta.many_to_many if f.remote_field.through is through)


def connect_kind(search_kind: SearchKind) -> None:
    def on_change(sender, instance, raw=False, **kwargs):
        if not raw:
            enqueue_sync(search_kind.kind, [instance.pk])

    def on_related_change(sender, instance, raw=False, **kwargs):
        if raw:
            return
        affected = search_kind.related[sender](instance)
        enqueue_sync(search_kind.kind, [obj.pk for obj in affected])

    uid = f"ruche-search-{search_kind.kind}"
    post_save.connect(on_change, sender=search_kind.model, weak=False, dispatch_uid=uid)
    post_delete.connect(on_change, sender=search_kind.model, weak=False, dispatch_uid=uid)
    for related_model in search_kind.related:
        related_uid = f"{uid}-{related_model._meta.label}"
        if is_through_model(related_model):
            connect_m2m(search_kind, related_model, related_uid)
            continue
        post_save.connect(
            on_related_change, sender=related_model, weak=False, dispatch_uid=related_uid
        )
        post_delete.connect(
            on_related_change, sender=related_model, weak=False, dispatch_uid=related_uid
        )


def connect_m2m(search_kind: SearchKind, through: type[models.Model], uid: str) -> None:
    """Follow rows added to or removed from a many-to-many table, from either side.

    `related[through]` receives the object that holds the relation (the challenge of an
    audience, the restriction of its groups).
    """
    field = _m2m_field(through)
    source = through._meta.auto_created
    affected_by = search_kind.related[through]

    def on_m2m_change(sender, instance, action, reverse, model, pk_set, **kwargs):
        if not reverse and action in ("post_add", "post_remove", "post_clear"):
            holders = [instance]
        elif reverse and action in ("post_add", "post_remove"):
            holders = list(source._default_manager.filter(pk__in=pk_set or ()))
        elif reverse and action == "pre_clear":
            # The other side is cleared: its rows still say which objects held it.
            holders = list(source._default_manager.filter(**{field.name: instance}))
        else:
            return
        ids = [obj.pk for holder in holders for obj in affected_by(holder)]
        enqueue_sync(search_kind.kind, ids)

    m2m_changed.connect(on_m2m_change, sender=through, weak=False, dispatch_uid=uid)
