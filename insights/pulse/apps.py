from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PulseConfig(AppConfig):
    name = "insights.pulse"
    label = "insights_pulse"
    verbose_name = _("Pulse surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from insights.pulse.selectors import round_ids_open_to
        from notifications.targets import register_target

        # A notice of a round names it: its text shows while the reader may still answer.
        register_target(TARGET_KIND, round_ids_open_to)


TARGET_KIND = "insights_pulse.round"
