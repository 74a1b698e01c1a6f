from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page, PageViewRestriction

MAX_RESULTS = 200


def visible_to(request, pages: list[Page]) -> list[Page]:
    """Drop pages under a view restriction that this request does not satisfy."""
    restrictions = [
        restriction
        for restriction in PageViewRestriction.objects.select_related("page")
        if not restriction.accept_request(request)
    ]
    hidden_paths = [restriction.page.path for restriction in restrictions]
    return [page for page in pages if not any(page.path.startswith(p) for p in hidden_paths)]


@require_GET
def search(request):
    """The site search page: live pages the user may see, most relevant first."""
    query = request.GET.get("q", "").strip()
    results = []
    if query:
        found = list(Page.objects.live().specific().search(query)[:MAX_RESULTS])
        results = visible_to(request, found)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(
        request, "search/search.html", {"query": query, "results": page, "count": len(results)}
    )
