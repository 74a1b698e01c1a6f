"""The news index: filters, pagination."""

from datetime import date

from django.core.paginator import Paginator

from news.selectors import news_categories, news_for_listing
from people.models import Team

PAGE_SIZE = 12


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def news_listing_context(request, index) -> dict:
    filters = {
        "category": request.GET.get("category", "").strip(),
        "tag": request.GET.get("tag", "").strip(),
        "team_id": _int(request.GET.get("team")),
        "since": _date(request.GET.get("since")),
        "until": _date(request.GET.get("until")),
    }
    paginator = Paginator(news_for_listing(request.user, **filters), PAGE_SIZE)
    items = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    categories = news_categories()
    wanted = filters["category"].casefold()
    selected = next(
        (
            c
            for c in categories
            if wanted in (c.slug, c.name.casefold(), c.name_en.casefold()) and wanted
        ),
        None,
    )
    return {
        "items": items,
        "selected_category": selected,
        "filters": filters,
        "active_filters": sum(1 for value in filters.values() if value),
        "filter_query": query.urlencode(),
        "categories": categories,
        "teams": Team.objects.only("id", "name").order_by("name"),
    }
