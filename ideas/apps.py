from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intranet.document_privacy import register_audience_rule
        from notifications.targets import register_target

        from . import conversations, importers, search  # noqa: F401  (import, search kinds)
        from .models import ChallengePage
        from .selectors.access import challenge_ids_visible_to, idea_ids_visible_to

        # A document used on an audience-restricted challenge is for that audience only.
        register_audience_rule(ChallengePage, challenge_ids_visible_to)
        # A notice about a challenge or an idea shows only while its reader may see it.
        register_target("ideas.challenge", challenge_ids_visible_to)
        register_target("ideas.idea", idea_ids_visible_to)
        conversations.register_kind()
