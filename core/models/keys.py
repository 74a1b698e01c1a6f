from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalKey(models.Model):
    """The stable identifier an imported object had in its source system (DESIGN.md §2).

    One table for every kind, so that any object can be found by `(kind, key)` when a
    later import refers to it, and any search result can report the key it came with.
    """

    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("key"), max_length=255)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    imported_at = models.DateTimeField(_("last imported at"), auto_now=True)

    class Meta:
        # Moved from `intranet` without touching its table (core/migrations/0001_initial.py).
        db_table = "intranet_externalkey"
        verbose_name = _("external key")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="externalkey_unique_kind_key")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"
