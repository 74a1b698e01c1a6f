"""Admin for communicators: pulse surveys as snippets, their results under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from insights.admin_access import CommunicatorsMenuItem, CommunicatorsPolicy
from insights.pulse import admin_views
from insights.pulse.models import PulseSurvey

register_permission_policy(PulseSurvey, CommunicatorsPolicy(PulseSurvey))


class PulseSurveyViewSet(SnippetViewSet):
    model = PulseSurvey
    icon = "list-ul"
    menu_label = _("Pulse surveys")
    add_to_admin_menu = True
    menu_order = 312
    list_display = ["title", "recurrence", "active"]
    list_filter = ["active", "recurrence"]
    search_fields = ["title"]


register_snippet(PulseSurveyViewSet)


@hooks.register("register_admin_urls")
def pulse_admin_urls():
    return [
        path("insights/pulse/", admin_views.results_list, name="insights_pulse_results"),
        path(
            "insights/pulse/<int:survey_id>/",
            admin_views.results,
            name="insights_pulse_survey_results",
        ),
        path(
            "insights/pulse/templates/<slug:slug>/",
            admin_views.create_from_template,
            name="insights_pulse_from_template",
        ),
    ]


@hooks.register("register_reports_menu_item")
def pulse_results_menu_item():
    return CommunicatorsMenuItem(
        _("Pulse surveys"), reverse("insights_pulse_results"), icon_name="list-ul", order=913
    )
