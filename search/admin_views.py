from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.charts import line_chart, trend
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
            **_weekly_figures(weekly_trend()),
        },
    )


def _weekly_figures(weeks: list[dict]) -> dict:
    """This week's figures against last week's, and the weeks as two charts (shares in %)."""
    for row in weeks:
        row["zero_percent"] = round(100 * row["zero_rate"], 1)
        row["click_percent"] = round(100 * row["click_rate"], 1)
    latest = weeks[-1] if weeks else None
    before = weeks[-2] if len(weeks) > 1 else None

    def change(key: str, *, higher_is_better: bool | None):
        if latest is None or before is None:
            return None
        return trend(latest[key], before[key], higher_is_better=higher_is_better)

    dates = [row["week"] for row in weeks]
    return {
        "trend": weeks,
        "latest": latest,
        "searches_change": change("searches", higher_is_better=None),
        "zero_change": change("zero_percent", higher_is_better=False),
        "click_change": change("click_percent", higher_is_better=True),
        "searches_chart": line_chart(dates, [(_("Searches"), [r["searches"] for r in weeks])]),
        "shares_chart": line_chart(
            dates,
            [
                (_("No result"), [r["zero_percent"] for r in weeks]),
                (_("Followed by a click"), [r["click_percent"] for r in weeks]),
            ],
        ),
    }
