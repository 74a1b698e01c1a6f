"""Pulse surveys on the site: answering a round, and the managers' results for their teams.

The answer page is the target of the notice and of the email's score links: a GET only
shows the form (a score in the link is preselected, nothing is written); the POST records.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from insights.pulse import selectors
from insights.pulse.forms import AnswerForm, field_name
from insights.pulse.models import PulseRound, PulseSurvey
from insights.pulse.results import round_results, trends
from insights.pulse.services import pulse_answer_record


@require_GET
def my_surveys(request):
    """The open rounds the signed-in person is asked and has not answered yet."""
    return render(
        request,
        "insights_pulse/site/mine.html",
        {"rounds": selectors.open_rounds_for(request.user)},
    )


@require_http_methods(["GET", "POST"])
def answer(request, round_id: int):
    """The people asked (404 for anyone else); once per person: a second submit gets 409."""
    pulse_round = selectors.round_for_answering(round_id)
    if pulse_round is None or not selectors.is_in_audience(request.user, pulse_round.survey):
        raise Http404
    questions = list(pulse_round.survey.questions.all())
    context = {"round": pulse_round, "survey": pulse_round.survey, "floor": selectors.floor()}
    if selectors.has_answered(request.user, pulse_round):
        status = 409 if request.method == "POST" else 200
        return render(request, "insights_pulse/site/answered.html", context, status=status)
    if not selectors.is_open(pulse_round):
        status = 410 if request.method == "POST" else 200
        return render(request, "insights_pulse/site/closed.html", context, status=status)
    if request.method == "POST":
        form = AnswerForm(questions, data=request.POST)
        if form.is_valid():
            recorded = pulse_answer_record(
                user=request.user, pulse_round=pulse_round, answers=form.cleaned_answers()
            )
            if not recorded:
                return render(request, "insights_pulse/site/answered.html", context, status=409)
            return redirect("insights_pulse:answer", round_id=pulse_round.pk)
        status = 400
    else:
        form = AnswerForm(questions, initial=_preselected(request, questions))
        status = 200
    return render(
        request, "insights_pulse/site/answer.html", {**context, "form": form}, status=status
    )


def _preselected(request, questions) -> dict:
    """The score of the email's link, for the first question when it is that scale."""
    score = request.GET.get("score", "")
    first = questions[0] if questions else None
    if first is None or first.scale is None or not score.isdigit():
        return {}
    return {field_name(1): int(score)} if int(score) in first.scale else {}


@require_GET
def results_list(request):
    """Surveys whose results this reader may open: communicators and managers."""
    if not selectors.may_read_results(request.user):
        raise PermissionDenied
    return render(
        request,
        "insights_pulse/site/results_list.html",
        {"surveys": selectors.surveys_with_rounds()},
    )


@require_GET
def results(request, survey_id: int):
    """A survey's rounds: communicators see every row, managers their teams' rows only."""
    if not selectors.may_read_results(request.user):
        raise PermissionDenied
    survey = get_object_or_404(PulseSurvey, pk=survey_id)
    return render(request, "insights_pulse/site/results.html", results_context(request, survey))


def results_context(request, survey: PulseSurvey) -> dict:
    """What the results page shows, on the site and in the admin (admin_views.py)."""
    team_ids = selectors.results_team_ids(request.user)
    rounds = PulseRound.objects.filter(survey=survey).select_related("survey").order_by("-opens_on")
    return {
        "survey": survey,
        "rounds": [round_results(pulse_round, team_ids=team_ids) for pulse_round in rounds[:6]],
        "trends": trends(survey) if team_ids is None else [],
        "manager_view": team_ids is not None,
        "floor": selectors.floor(),
        "quote_floor": selectors.quote_floor(),
    }
