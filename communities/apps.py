from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications.targets import register_target

        from . import importers  # noqa: F401  (import kind `community`)
        from .membership_notices import TARGET_KIND, community_ids_visible_to

        # Communities core: a notice about a community shows while its reader may know it.
        register_target(TARGET_KIND, community_ids_visible_to)
