"""Admin for communicators: objectives and the frustration lexicon as snippets, dashboards."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from insights.admin_access import CommunicatorsMenuItem, CommunicatorsPolicy
from insights.admin_views import kpi_dashboard, signals
from insights.kpis_admin_views import objective_templates_view, turn_on_objective_template
from insights.models import FrustrationExpression, Objective

register_permission_policy(Objective, CommunicatorsPolicy(Objective))
register_permission_policy(FrustrationExpression, CommunicatorsPolicy(FrustrationExpression))


class ObjectiveViewSet(SnippetViewSet):
    model = Objective
    icon = "pick"
    menu_label = _("Objectives")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["title", "starts_on", "ends_on"]
    search_fields = ["title"]


class FrustrationLexiconViewSet(SnippetViewSet):
    model = FrustrationExpression
    icon = "warning"
    menu_label = _("Frustration lexicon")
    add_to_admin_menu = True
    menu_order = 311
    list_display = ["expression", "language"]
    list_filter = ["language"]
    search_fields = ["expression"]


register_snippet(ObjectiveViewSet)
register_snippet(FrustrationLexiconViewSet)


@hooks.register("register_admin_urls")
def insights_admin_urls():
    return [
        path("insights/kpis/", kpi_dashboard, name="insights_kpis"),
        path("insights/signals/", signals, name="insights_signals"),
    ]


@hooks.register("register_admin_urls")
def objective_template_urls():
    return [
        path(
            "insights/objectives/templates/",
            objective_templates_view,
            name="insights_objective_templates",
        ),
        path(
            "insights/objectives/templates/<slug:code>/turn-on/",
            turn_on_objective_template,
            name="insights_objective_turn_on",
        ),
    ]


@hooks.register("register_reports_menu_item")
def kpi_menu_item():
    return CommunicatorsMenuItem(
        _("KPIs and objectives"), reverse("insights_kpis"), icon_name="pick", order=910
    )


@hooks.register("register_reports_menu_item")
def signals_menu_item():
    return CommunicatorsMenuItem(
        _("Signals"), reverse("insights_signals"), icon_name="warning", order=911
    )


@hooks.register("register_reports_menu_item")
def objective_templates_menu_item():
    return CommunicatorsMenuItem(
        _("Built-in objectives"),
        reverse("insights_objective_templates"),
        icon_name="pick",
        order=912,
    )
