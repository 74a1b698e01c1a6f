from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from core.ratelimits import rate_limited
from search.engine import SearchUnavailable
from search.query import PERIODS, Filters
from search.services import record_click, run_search
from search.thumbnails import attach_thumbnails

PAGE_SIZE = 20


def _page_number(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), 1000)
    except ValueError:
        return 1


@require_GET
@rate_limited("search", methods=("GET",))
def search(request):
    """The search page: results the user may see, facets, pagination, "did you mean"."""
    text = request.GET.get("q", "").strip()[:200]  # as the API: a longer one overflows the engine
    filters = Filters(
        kinds=[kind for kind in request.GET.getlist("kind") if kind],
        team=request.GET.get("team") or None,
        tag=request.GET.get("tag") or None,
        period=request.GET.get("period") if request.GET.get("period") in PERIODS else None,
    )
    outcome, unavailable = None, False
    if text:
        try:
            outcome = run_search(
                user=request.user,
                text=text,
                filters=filters,
                page=_page_number(request.GET.get("page")),
                page_size=PAGE_SIZE,
            )
        except SearchUnavailable:
            unavailable = True
        else:
            attach_thumbnails(request.user, outcome.results)
    base = {
        "q": text,
        "kind": filters.kinds,
        "team": filters.team,
        "tag": filters.tag,
        "period": filters.period,
    }
    return render(
        request,
        "search/search.html",
        {
            "query": text,
            "outcome": outcome,
            "filters": filters,
            "facet_links": facet_links(outcome, base) if outcome else {},
            "page_links": page_links(outcome, base) if outcome else {},
            "active_filters": len(filters.kinds)
            + sum(1 for value in (filters.team, filters.tag, filters.period) if value),
            "clear_filters_url": _query_string({"q": text}),
            "unavailable": unavailable,
        },
        status=503 if unavailable else 200,
    )


def _query_string(params: dict) -> str:
    return "?" + urlencode({k: v for k, v in params.items() if v}, doseq=True)


def facet_links(outcome, base: dict) -> dict:
    """For each facet value: its count, whether it is selected, and the link that toggles it."""
    links = {}
    for facet, field in (("kind", "kind"), ("team", "team"), ("tag", "tag"), ("period", "period")):
        entries = []
        for value, count in outcome.facets.get(facet, {}).items():
            if not count:
                continue
            current = base[field]
            if facet == "kind":
                selected = value in current
                new_value: list[str] | str | None = (
                    [k for k in current if k != value] if selected else [*current, value]
                )
            else:
                selected = current == value
                new_value = None if selected else value
            entries.append(
                {
                    "value": value,
                    "count": count,
                    "selected": selected,
                    "url": _query_string({**base, field: new_value}),
                }
            )
        links[facet] = entries
    return links


def page_links(outcome, base: dict) -> dict:
    links = {}
    if outcome.page > 1:
        links["previous"] = _query_string({**base, "page": outcome.page - 1})
    if outcome.page < outcome.page_count:
        links["next"] = _query_string({**base, "page": outcome.page + 1})
    return links


@require_GET
def click(request, log_id: int):
    """A result link goes through here so that the search analytics know what was clicked."""
    target = request.GET.get("to", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    try:
        rank = int(request.GET.get("rank", "0"))
    except ValueError:
        rank = 0
    record_click(
        user=request.user,
        log_id=log_id,
        rank=max(rank, 0),
        kind=request.GET.get("kind", ""),
        object_id=request.GET.get("id", ""),
    )
    return redirect(target)
