from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Insights")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The built-in KPIs register themselves on import; other apps add theirs from
        # their own ready() (insights/kpis_registry.py). The switches of insights.privacy
        # forget the admin's choice after each request.
        from insights import kpis, privacy  # noqa: F401
