"""The admin's way to action plans: a Reports menu item for communicators (the plans
themselves live on the site, where managers open them too)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from insights.admin_access import CommunicatorsMenuItem


@hooks.register("register_reports_menu_item")
def action_plans_menu_item():
    return CommunicatorsMenuItem(
        _("Action plans"), reverse("insights_actions:list"), icon_name="tasks", order=914
    )
