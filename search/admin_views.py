from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.selectors import query_stats, weekly_trend

PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365}


@require_GET
def search_analytics(request):
    """Communicators' dashboard: what people search, what they do not find."""
    if not request.user.has_perm("search.view_search_analytics"):
        raise PermissionDenied
    days = PERIODS.get(request.GET.get("days", "30"), 30)
    return render(
        request,
        "search/admin/analytics.html",
        {
            "page_title": _("Search analytics"),
            "header_title": _("Search analytics"),
            "days": days,
            "periods": PERIODS.values(),
            "top": query_stats(days=days),
            "zero": query_stats(days=days, only="zero"),
            "unclicked": query_stats(days=days, only="unclicked"),
            "trend": weekly_trend(),
        },
    )
