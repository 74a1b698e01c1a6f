"""`GET /api/search/` (DESIGN.md §3) and `GET /api/search/suggest/`."""

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from search.engine import SearchUnavailable
from search.labels import KIND_LABELS
from search.query import Filters
from search.services import run_search, suggest

router = Router(tags=["search"])
UNAVAILABLE = "Search is temporarily unavailable; please try again in a moment."

KINDS = [
    "page",
    "news",
    "leadership_update",
    "challenge",
    "idea",
    "person",
    "team",
    "synonym",
]


class SearchParams(Schema):
    q: str = ""
    kind: list[str] = []
    page: str = "1"
    page_size: str = "20"


class Result(Schema):
    kind: str
    key: str | None
    title: str
    url: str
    snippet: str


class SearchResponse(Schema):
    query: str
    count: int
    results: list[Result]
    facets: dict[str, dict[str, int]]
    suggestion: str | None


class Suggestion(Schema):
    kind: str
    kind_label: str
    title: str
    url: str


def positive_int(value: str, name: str, maximum: int | None = None) -> int:
    try:
        number = int(value)
    except ValueError:
        raise HttpError(400, f"'{name}' must be a whole number.") from None
    if number < 1:
        raise HttpError(400, f"'{name}' must be 1 or more.")
    if maximum is not None and number > maximum:
        raise HttpError(400, f"'{name}' must be at most {maximum}.")
    return number


@router.get("/", response=SearchResponse, summary="Search everything you may see")
def search(request, params: Query[SearchParams]):
    text = params.q.strip()
    if not text:
        raise HttpError(400, "Give something to search for in 'q'.")
    unknown = sorted(set(params.kind) - set(KINDS))
    if unknown:
        raise HttpError(400, f"Unknown kind: {', '.join(unknown)}.")
    page = positive_int(params.page, "page", maximum=1000)
    page_size = positive_int(params.page_size, "page_size", maximum=100)
    try:
        outcome = run_search(
            user=request.user,
            text=text,
            filters=Filters(kinds=params.kind),
            page=page,
            page_size=page_size,
            source="api",
        )
    except SearchUnavailable:
        raise HttpError(503, UNAVAILABLE) from None
    return {
        "query": outcome.query,
        "count": outcome.count,
        "results": [vars(hit) for hit in outcome.results],
        "facets": {"kind": outcome.facets.get("kind", {})},
        "suggestion": outcome.suggestion,
    }


@router.get("/suggest/", response=list[Suggestion], summary="As-you-type suggestions")
def suggestions(request, q: str = ""):
    text = q.strip()
    if not text:
        raise HttpError(400, "Give the beginning of a word in 'q'.")
    try:
        hits = suggest(user=request.user, text=text)
    except SearchUnavailable:
        raise HttpError(503, UNAVAILABLE) from None
    return [{**vars(hit), "kind_label": str(KIND_LABELS.get(hit.kind, hit.kind))} for hit in hits]
