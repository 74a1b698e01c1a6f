from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "insights.actions"
    label = "insights_actions"
    verbose_name = _("Action plans")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications.targets import register_target

        from .selectors import visible_action_ids

        # A notice about an action shows only while its reader may still see the action.
        register_target("insights_actions.action", visible_action_ids)
