"""Reads of the search analytics, for the communicators' dashboard and the insights."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from search.models import SearchClick, SearchQueryLog
from search.services import searcher_hash_for_id

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _Clicked(TypedDict):
        clicked: bool


@dataclass
class QueryStat:
    query: str
    searches: int
    searchers: int
    zero_results: int
    with_click: int


def searches_since(days: int) -> QuerySet[SearchQueryLog]:
    return SearchQueryLog.objects.filter(created_at__gte=timezone.now() - timedelta(days=days))


def _with_clicked(
    queryset: QuerySet[SearchQueryLog],
) -> QuerySet[WithAnnotations[SearchQueryLog, _Clicked]]:
    return queryset.annotate(clicked=Exists(SearchClick.objects.filter(search=OuterRef("pk"))))


def query_stats(*, days: int = 30, only: str | None = None, limit: int = 20) -> list[QueryStat]:
    """Most frequent queries; `only` = "zero" (no result) or "unclicked" (no click).

    A query searched by fewer than SEARCH_ANALYTICS_MIN_SEARCHERS distinct people is left
    out, so that nobody's own searches can be read from the dashboard.
    """
    logs = _with_clicked(searches_since(days))
    if only == "zero":
        logs = logs.filter(result_count=0)
    elif only == "unclicked":
        logs = logs.filter(result_count__gt=0, clicked=False)
    rows = (
        logs.values("normalized_query")
        .annotate(
            searches=Count("id"),
            searchers=Count("searcher", distinct=True),
            zero_results=Count("id", filter=Q(result_count=0)),
            with_click=Count("id", filter=Q(clicked=True)),
        )
        .filter(searchers__gte=settings.SEARCH_ANALYTICS_MIN_SEARCHERS)
        .order_by("-searches", "normalized_query")[:limit]
    )
    return [
        QueryStat(
            query=row["normalized_query"],
            searches=row["searches"],
            searchers=row["searchers"],
            zero_results=row["zero_results"],
            with_click=row["with_click"],
        )
        for row in rows
    ]


def weekly_trend(*, weeks: int = 12) -> list[dict[str, Any]]:
    """Per week: searches, share without results, share followed by a click."""
    rows = (
        _with_clicked(searches_since(weeks * 7))
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(
            searches=Count("id"),
            zero=Count("id", filter=Q(result_count=0)),
            clicked_count=Count("id", filter=Q(clicked=True)),
        )
        .order_by("week")
    )
    return [
        {
            "week": row["week"].date(),
            "searches": row["searches"],
            "zero_rate": row["zero"] / row["searches"],
            "click_rate": row["clicked_count"] / row["searches"],
        }
        for row in rows
    ]


# --- For the insights app: outcomes over a period, per group of people -------------------------


def searcher_keys(user_ids: Iterable[int]) -> dict[int, str]:
    """The pseudonym each of these users searches under, to count them among searchers."""
    return {user_id: searcher_hash_for_id(user_id) for user_id in user_ids}


def search_outcomes(
    *, start: datetime, end: datetime, searchers: Collection[str] | None = None
) -> dict[str, int]:
    """Searches in [start, end): how many, how many clicked, how many found nothing, by whom.

    `searchers` (pseudonyms from `searcher_keys`) restricts the count to a group of people.
    """
    logs = SearchQueryLog.objects.filter(created_at__gte=start, created_at__lt=end)
    if searchers is not None:
        logs = logs.filter(searcher__in=list(searchers))
    clicked = Exists(SearchClick.objects.filter(search=OuterRef("pk")))
    return logs.aggregate(
        searches=Count("id"),
        clicked=Count("id", filter=Q(clicked)),
        zero=Count("id", filter=Q(result_count=0)),
        searchers=Count("searcher", distinct=True),
    )


def zero_result_queries(
    *, start: datetime, end: datetime, min_searchers: int
) -> list[dict[str, Any]]:
    """Queries that found nothing in [start, end), by at least `min_searchers` distinct people.

    `weeks` counts the distinct weeks they came back in, to tell recurring ones.
    """
    rows = (
        SearchQueryLog.objects.filter(created_at__gte=start, created_at__lt=end, result_count=0)
        .values("normalized_query")
        .annotate(
            searches=Count("id"),
            searchers=Count("searcher", distinct=True),
            weeks=Count(TruncWeek("created_at"), distinct=True),
        )
        .filter(searchers__gte=min_searchers)
        .order_by("-searchers", "-searches", "normalized_query")
    )
    return [
        {
            "query": row["normalized_query"],
            "searches": row["searches"],
            "searchers": row["searchers"],
            "weeks": row["weeks"],
        }
        for row in rows
    ]


def zero_result_searches(*, start: datetime, end: datetime) -> list[tuple[str, str, datetime]]:
    """(searcher pseudonym, normalised query, when) of every search in [start, end) that
    found nothing: what people looked for and Ruche did not have."""
    return list(
        SearchQueryLog.objects.filter(
            created_at__gte=start, created_at__lt=end, result_count=0
        ).values_list("searcher", "normalized_query", "created_at")
    )


def searched_texts(*, start: datetime, end: datetime) -> list[tuple[str, str, datetime]]:
    """(searcher pseudonym, normalised query, when) of every search in [start, end)."""
    return list(
        SearchQueryLog.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
            "searcher", "normalized_query", "created_at"
        )
    )


def search_journeys(
    *,
    start: datetime,
    end: datetime,
    reformulation_window: timedelta,
    searchers: Collection[str] | None = None,
) -> dict[str, Any]:
    """Searches in [start, end) as journeys: which ones ended well, how fast people clicked.

    A search succeeds at the first try when a result was clicked and the same person did not
    search again within `reformulation_window` after it. Returns searches, first_try,
    searchers (distinct) and first_click_seconds (the delay to the first click of each
    clicked search). `searchers` (pseudonyms from `searcher_keys`) restricts to a group.
    Two queries.
    """
    logs = SearchQueryLog.objects.filter(created_at__gte=start, created_at__lt=end)
    if searchers is not None:
        logs = logs.filter(searcher__in=list(searchers))
    searched_again = Exists(
        SearchQueryLog.objects.filter(
            searcher=OuterRef("searcher"),
            created_at__gt=OuterRef("created_at"),
            created_at__lte=OuterRef("created_at") + reformulation_window,
        )
    )
    first_click = SearchClick.objects.filter(search=OuterRef("pk")).order_by("created_at")
    rows = list(
        logs.annotate(
            again=searched_again,
            clicked_at=first_click.values("created_at")[:1],
        ).values_list("searcher", "created_at", "clicked_at", "again")
    )
    return {
        "searches": len(rows),
        "first_try": sum(1 for *_rest, clicked, again in rows if clicked and not again),
        "searchers": len({row[0] for row in rows}),
        "first_click_seconds": [
            max((clicked - searched).total_seconds(), 0.0)
            for _who, searched, clicked, _again in rows
            if clicked is not None
        ],
    }
