"""`GET /api/search/` (DESIGN.md §3) and `GET /api/search/suggest/`."""

from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from core.api import ERRORS, NOT_BLANK
from core.ratelimits import check_api_rate
from search.engine import SearchUnavailable
from search.labels import KIND_LABELS
from search.query import Filters
from search.services import run_search, suggest

router = Router(tags=["search"])
# The API returns the kind facet only: the others are not computed.
API_FACETS = ("kind",)
UNAVAILABLE = "Search is temporarily unavailable; please try again in a moment."

Kind = Literal[
    "page",
    "news",
    "leadership_update",
    "challenge",
    "idea",
    "person",
    "team",
    "community",
    "post",
    "event",
]


class SearchParams(Schema):
    q: str = Field(..., pattern=NOT_BLANK, max_length=200, description="What to search for.")
    kind: list[Kind] = Field(default=[], description="Only these kinds (repeatable).")
    page: int = Field(default=1, ge=1, le=1000)
    page_size: int = Field(default=20, ge=1, le=100)


class Result(Schema):
    kind: str
    key: str | None
    title: str
    url: str
    snippet: str
    why: list[str] = Field(
        default=[],
        description="What found it: fields (title, body, tags, teams, suggestions) and how "
        "(synonym, translation, relaxed).",
    )
    stale: bool = Field(
        default=False,
        description="An information page past its review date: it may be out of date.",
    )


class Answer(Schema):
    text: str = Field(description="The passage that answers; <mark> is its only markup.")
    key: str | None
    url: str
    kind: str
    title: str
    date: str | None


class SearchResponse(Schema):
    query: str
    count: int
    results: list[Result]
    facets: dict[str, dict[str, int]]
    suggestion: str | None
    answer: Answer | None = None
    tier: str = Field(default="strict", description="strict, or relaxed for a question.")


class Suggestion(Schema):
    kind: str
    kind_label: str
    title: str
    url: str


@router.get("/", response={200: SearchResponse, **ERRORS}, summary="Search everything you may see")
def search(request, params: Query[SearchParams]):
    check_api_rate(request, "search")
    text = params.q.strip()
    if not text:
        raise HttpError(400, "Give something to search for in 'q'.")
    page, page_size = params.page, params.page_size
    try:
        outcome = run_search(
            user=request.user,
            text=text,
            filters=Filters(kinds=params.kind),
            page=page,
            page_size=page_size,
            source="api",
            facets=API_FACETS,
        )
    except SearchUnavailable:
        raise HttpError(503, UNAVAILABLE) from None
    return {
        "query": outcome.query,
        "count": outcome.count,
        "results": [vars(hit) for hit in outcome.results],
        "facets": {"kind": outcome.facets.get("kind", {})},
        "suggestion": outcome.suggestion,
        "answer": _answer(outcome.answer),
        "tier": outcome.tier,
    }


def _answer(answer: dict | None) -> dict | None:
    if answer is None:
        return None
    date = answer["date"]
    return {**answer, "date": date.isoformat() if hasattr(date, "isoformat") else date}


@router.get(
    "/suggest/", response={200: list[Suggestion], **ERRORS}, summary="As-you-type suggestions"
)
def suggestions(request, q: str = Query(..., pattern=NOT_BLANK, max_length=200)):
    check_api_rate(request, "suggest")
    text = q.strip()
    if not text:
        raise HttpError(400, "Give the beginning of a word in 'q'.")
    try:
        hits = suggest(user=request.user, text=text)
    except SearchUnavailable:
        raise HttpError(503, UNAVAILABLE) from None
    return [{**vars(hit), "kind_label": str(KIND_LABELS.get(hit.kind, hit.kind))} for hit in hits]
