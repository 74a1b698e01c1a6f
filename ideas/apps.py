from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications.targets import register_target

        from . import importers, search  # noqa: F401  (registers import and search kinds)
        from .selectors.access import challenge_ids_visible_to, idea_ids_visible_to

        register_target("ideas.challenge", challenge_ids_visible_to)
        register_target("ideas.idea", idea_ids_visible_to)
