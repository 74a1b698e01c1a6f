from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    """Events and their answers; comes after the apps that host events in INSTALLED_APPS,
    so that their hosts are registered (`agenda.hosts`) when the search kind is."""

    name = "agenda"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications.targets import register_target

        from . import covers, importers, search, tasks  # noqa: F401  (kinds and tasks register)
        from .notifications import TARGET_KIND
        from .selectors.access import event_ids_visible_to

        # A notice about an event shows only while its reader may still read it.
        register_target(TARGET_KIND, event_ids_visible_to)
        # The cover of an event of a community or a challenge, for its readers only.
        covers.register()
