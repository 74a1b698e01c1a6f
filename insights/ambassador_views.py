"""The communicators' list of ambassadors and their reach (insights/ambassadors.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from insights.ambassadors import REACH_DAYS, ambassadors_by_reach
from insights.privacy import min_people, team_breakdowns_on
from insights.selectors import is_communicator


@require_GET
def ambassadors(request):
    """Communicators (and superusers) only; 403 for anyone else."""
    if not is_communicator(request.user):
        raise PermissionDenied
    return render(
        request,
        "insights/site/ambassadors.html",
        {
            "ambassadors": ambassadors_by_reach(),
            "days": REACH_DAYS,
            "floor": min_people(),
            "by_team": team_breakdowns_on(),
        },
    )
