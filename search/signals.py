"""Saving or deleting an indexed object enqueues its re-index once the transaction commits."""

from django.db.models.signals import post_delete, post_save

from search.registry import SearchKind


def enqueue_sync(kind: str, object_ids) -> None:
    from search.tasks import sync_documents

    ids = sorted({str(object_id) for object_id in object_ids if object_id is not None})
    if ids:
        sync_documents.enqueue(kind, ids)


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
        post_save.connect(
            on_related_change, sender=related_model, weak=False, dispatch_uid=related_uid
        )
        post_delete.connect(
            on_related_change, sender=related_model, weak=False, dispatch_uid=related_uid
        )
