"""The audience picker's endpoint: how many people the ticked teams reach (admin, editors)."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from wagtail.permission_policies.pages import PagePermissionPolicy

from news.audience import reach_payload

MAX_TEAMS = 1000


def may_target(user) -> bool:
    """Editors: whoever may add, change or publish pages."""
    return PagePermissionPolicy().user_has_any_permission(user, {"add", "change", "publish"})


@require_GET
def audience_reach(request):
    """`?team=1&team=7`: the summary and figures the reach panel shows; none: everyone."""
    if not may_target(request.user):
        raise PermissionDenied
    team_ids = [int(v) for v in request.GET.getlist("team")[:MAX_TEAMS] if v.isdigit()]
    response = JsonResponse(reach_payload(team_ids))
    response["Cache-Control"] = "private, no-store"
    return response
