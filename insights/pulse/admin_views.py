"""Communicators' admin screens: surveys created from a template, and results under Reports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insights.pulse.models import PulseSurvey
from insights.pulse.selectors import surveys_with_rounds
from insights.pulse.services import pulse_survey_create_from_template
from insights.pulse.survey_templates import TEMPLATES
from insights.pulse.views import results_context
from insights.selectors import is_communicator


def _communicators_only(request) -> None:
    if not is_communicator(request.user):
        raise PermissionDenied


@require_GET
def results_list(request):
    """Every survey, with a link to its results, and the templates to start one from."""
    _communicators_only(request)
    return render(
        request,
        "insights_pulse/admin/results_list.html",
        {
            "page_title": _("Pulse surveys"),
            "surveys": surveys_with_rounds(),
            "templates": TEMPLATES.values(),
        },
    )


@require_GET
def results(request, survey_id: int):
    _communicators_only(request)
    survey = get_object_or_404(PulseSurvey, pk=survey_id)
    context = results_context(request, survey)
    context["page_title"] = _("Results: %(title)s") % {"title": survey.title}
    return render(request, "insights_pulse/admin/results.html", context)


@require_POST
def create_from_template(request, slug: str):
    """One click: a new survey (inactive) with the template's questions, opened for editing."""
    _communicators_only(request)
    template = TEMPLATES.get(slug)
    if template is None:
        raise Http404
    survey = pulse_survey_create_from_template(template=template)
    messages.success(
        request, _("Survey created from a template: check its audience, then make it active.")
    )
    return redirect("wagtailsnippets_insights_pulse_pulsesurvey:edit", survey.pk)
