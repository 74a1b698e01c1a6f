"""Communicators' admin screen of the built-in objectives: each template with its KPIs and
suggested targets, and a button that turns it on (creates the objective, once)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insights import selectors, services
from insights.kpis_registry import UNIT_LABELS, get_kpi
from insights.models import Objective
from insights.objective_templates import objective_template, objective_templates


def _communicators_only(request) -> None:
    if not selectors.is_communicator(request.user):
        raise PermissionDenied


def objective_edit_url(objective: Objective) -> str:
    return reverse("wagtailsnippets_insights_objective:edit", args=[objective.pk])


@require_GET
def objective_templates_view(request):
    """The four built-in objectives: what each measures, and whether it is turned on."""
    _communicators_only(request)
    turned_on = {o.template: o for o in Objective.objects.exclude(template="")}
    cards = []
    for template in objective_templates():
        objective = turned_on.get(template.code)
        cards.append(
            {
                "template": template,
                "title": template.title_in(request.LANGUAGE_CODE),
                "description": template.description_in(request.LANGUAGE_CODE),
                "kpis": [
                    (kpi, target, UNIT_LABELS.get(kpi.unit, kpi.unit))
                    for kpi, target in (
                        (get_kpi(code), target) for code, target in template.targets
                    )
                    if kpi is not None
                ],
                "objective": objective,
                "edit_url": objective_edit_url(objective) if objective else "",
            }
        )
    return render(
        request,
        "insights/admin/objective_templates.html",
        {"page_title": _("Built-in objectives"), "cards": cards},
    )


@require_POST
def turn_on_objective_template(request, code: str):
    """Turn a template on (a second time changes nothing) and open its objective to set the
    targets."""
    _communicators_only(request)
    if objective_template(code) is None:
        raise Http404
    objective, created = services.turn_on_objective_template(code)
    if created:
        messages.success(request, _("Objective turned on: set its targets and period."))
    else:
        messages.info(request, _("This objective was already turned on."))
    return HttpResponseRedirect(objective_edit_url(objective))
