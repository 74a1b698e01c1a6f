from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "insights.actions"
    label = "insights_actions"
    verbose_name = _("Action plans")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from insights.kpis_registry import register_kpi
        from insights.recognition import register_recognition_section
        from notifications.targets import register_target

        from .kpis import actions_closed, median_days_signal_to_action
        from .recognition import actions_completed_section
        from .selectors import visible_action_ids

        # A notice about an action shows only while its reader may still see the action.
        register_target("insights_actions.action", visible_action_ids)
        # The frustrations objective measures what was done about what people said.
        register_kpi(
            "actions_closed",
            label=_("Actions closed"),
            unit="actions",
            compute=actions_closed,
        )
        register_kpi(
            "signal_to_action_days",
            label=_("Median days from a signal to its action"),
            unit="days",
            compute=median_days_signal_to_action,
            higher_is_better=False,
        )
        # Leadership's monthly thank-you post says which actions were completed.
        register_recognition_section("actions_completed", 30, actions_completed_section)
