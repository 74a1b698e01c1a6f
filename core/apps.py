from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel every app stands on; it imports no app (docs/architecture.md)."""

    name = "core"
    verbose_name = _("Kernel")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import permission_cache
        from .document_privacy import index_references_on_publish
        from .images import cover_renditions_on_publish

        page_published.connect(index_references_on_publish, dispatch_uid="ruche_doc_references")
        page_published.connect(cover_renditions_on_publish, dispatch_uid="ruche_cover_renditions")
        permission_cache.connect()  # cached permissions follow groups and permissions
