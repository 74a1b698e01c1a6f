"""The managers' dashboard on the site: their teams' participation, ideas, kudos, must-reads;
and the page that tells every employee what the listening loop analyses."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.exports import csv_response
from ideas.models import Status
from insights import selectors
from insights.privacy import team_breakdowns_on
from insights.suggestions import suggestions_for
from insights.transparency import what_we_analyse
from people.models import Team

PERIODS = (30, 90, 365)


@require_GET
def my_teams(request):
    """Managers (and superusers): the teams whose dashboard they may open."""
    teams = selectors.teams_managed_by(request.user)
    if not teams:
        raise PermissionDenied
    return render(request, "insights/site/my_teams.html", {"teams": teams})


@require_GET
def team_dashboard(request, slug: str):
    """Managers of the team or of a team above it, and superusers; 403 for anyone else."""
    team = get_object_or_404(Team, slug=slug)
    if not selectors.can_view_team_dashboard(request.user, team):
        raise PermissionDenied
    if not team_breakdowns_on() and request.GET.get("format") == "csv":
        # A works-council agreement: no figure by team, in a CSV neither.
        return render(request, "insights/site/team_breakdowns_off.html", {"team": team})
    days = int(request.GET["days"]) if request.GET.get("days") in map(str, PERIODS) else 90
    tree = selectors.team_tree()
    dashboard = selectors.team_dashboard(team, days=days, tree=tree)
    if request.GET.get("format") == "csv":
        return _csv(team, days, dashboard)
    return render(
        request,
        "insights/site/team_dashboard.html",
        {
            "team": team,
            "days": days,
            "periods": PERIODS,
            "dashboard": dashboard,
            "statuses": Status.choices,
            "floor": selectors.floor(),
            "suggestions": suggestions_for(team, tree=tree),
            "breakdowns_off": not team_breakdowns_on(),
            "too_small": dashboard is None and selectors.team_group_size(team) < selectors.floor(),
        },
    )


def _csv(team: Team, days: int, dashboard: dict | None) -> HttpResponse:
    columns = ["people", "contributors", "active", "ideas", "kudos_received", "kudos_given"]
    header = ["team", "days", *columns, *(f"ideas_{s}" for s, _label in Status.choices)]
    rows = []
    if dashboard is not None:
        rows = [(team.name, dashboard["total"])]
        rows += [
            (name or "(rest of the team, together)", figures)
            for name, figures in dashboard["subteams"]
        ]
    return csv_response(
        filename=f"ruche-team-{team.slug}.csv",
        header=header,
        rows=(
            [
                name,
                days,
                *(figures[column] for column in columns),
                *(figures["ideas_by_status"][s] for s, _label in Status.choices),
            ]
            for name, figures in rows
        ),
    )


@require_GET
@login_required
def transparency(request):
    """Every signed-in employee: what is analysed, what never is, and which switches are on."""
    return render(request, "insights/site/transparency.html", what_we_analyse())
