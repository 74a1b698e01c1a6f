"""The import key a search document reports: read with the objects, not one query each."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast

from intranet.models import ExternalKey


def _of_model(model: type[models.Model]) -> dict[str, str | None]:
    """The content type of `model` by name, not by a cached id: a long-lived worker keeps
    content type ids in memory, and ids change when the table is rebuilt (a test flush)."""
    return {
        "content_type__app_label": model._meta.app_label,
        "content_type__model": model._meta.model_name,
    }


def with_import_key(queryset: QuerySet[Any], kind: str) -> QuerySet[Any]:
    """Annotate each object with its import key (`import_key`), in the same query."""
    keys = ExternalKey.objects.filter(
        kind=kind,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        **_of_model(queryset.model),
    )
    annotated: QuerySet[Any] = queryset.annotate(import_key=Subquery(keys.values("key")[:1]))
    return annotated


def import_key(obj: models.Model, kind: str) -> str | None:
    """The key `obj` was imported with, or None for an object created in Ruche."""
    if hasattr(obj, "import_key"):
        key: str | None = obj.import_key
        return key
    return (
        ExternalKey.objects.filter(kind=kind, object_id=str(obj.pk), **_of_model(type(obj)))
        .values_list("key", flat=True)
        .first()
    )
