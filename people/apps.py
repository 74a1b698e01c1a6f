from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from notifications.targets import register_target
        from people import importers, search, signals  # noqa: F401 - registers kinds
        from people.selectors import kudos_ids_visible_to

        signals.connect()
        register_target("people.kudos", kudos_ids_visible_to)
