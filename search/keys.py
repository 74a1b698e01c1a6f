"""The import key a search document reports: read with the objects, not one query each."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast

from intranet.models import ExternalKey


def with_import_key(queryset: QuerySet, kind: str) -> QuerySet:
    """Annotate each object with its import key (`import_key`), in the same query."""
    content_type = ContentType.objects.get_for_model(queryset.model, for_concrete_model=False)
    keys = ExternalKey.objects.filter(
        kind=kind,
        content_type=content_type,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return queryset.annotate(import_key=Subquery(keys.values("key")[:1]))


def import_key(obj, kind: str) -> str | None:
    """The key `obj` was imported with, or None for an object created in Ruche."""
    if hasattr(obj, "import_key"):
        return obj.import_key
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return (
        ExternalKey.objects.filter(kind=kind, content_type=content_type, object_id=str(obj.pk))
        .values_list("key", flat=True)
        .first()
    )
