from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntranetConfig(AppConfig):
    name = "intranet"
    verbose_name = _("Intranet")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications.targets import register_target

        from . import checks, importers, search  # noqa: F401  (checks, `page` import and search kinds)
        from .reviews import TARGET_KIND, page_ids_owned_by

        register_target(TARGET_KIND, page_ids_owned_by)
