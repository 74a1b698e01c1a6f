from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intranet.document_privacy import register_audience_rule

        from . import importers, search  # noqa: F401  (registers import and search kinds)
        from .models import ChallengePage
        from .selectors import challenges_visible_to

        # A document used on an audience-restricted challenge is for that audience only.
        register_audience_rule(
            ChallengePage,
            lambda user, ids: (
                challenges_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
            ),
        )
