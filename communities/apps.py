from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications.targets import register_target

        from . import event_importers, event_tasks, search  # noqa: F401  (kinds, beat task)
        from .selectors.events import event_ids_visible_to

        # Events: a notice about an event shows only while its reader may still read it.
        register_target("communities.event", event_ids_visible_to)
