"""`/api/search/` as DESIGN.md §3 promises it to integrators."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core.models import ExternalKey
from tests.intranet.factories import home_page, publish_standard_page


@pytest.fixture
def charter(db):
    page = publish_standard_page(
        title="Télétravail : la charte",
        body_html="<p>Le télétravail est possible trois jours par semaine.</p>",
        parent=home_page(),
    )
    ExternalKey.objects.create(
        kind="page", key="policy-remote-work", content_object=page, object_id=str(page.pk)
    )
    return page


def test_results_have_the_documented_shape(charter, reindex, employee_client):
    reindex()

    response = employee_client.get("/api/search/", {"q": "télétravail"})

    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "télétravail"
    assert body["count"] == 1
    assert body["facets"] == {"kind": {"page": 1}}
    assert body["suggestion"] is None
    [result] = body["results"]
    assert result["kind"] == "page"
    assert result["key"] == "policy-remote-work"
    assert result["title"] == "Télétravail : la charte"
    assert result["url"] == charter.url
    assert "<mark>télétravail</mark>" in result["snippet"].lower()


def test_objects_created_in_ruche_have_a_null_key(db, reindex, employee_client):
    publish_standard_page(title="Cantine", parent=home_page())
    reindex()

    [result] = employee_client.get("/api/search/", {"q": "cantine"}).json()["results"]

    assert result["key"] is None


def test_kind_filters_results_but_the_kind_facet_still_counts_every_kind(
    charter, reindex, employee_client
):
    reindex()

    body = employee_client.get("/api/search/", {"q": "télétravail", "kind": "news"}).json()

    assert body["results"] == [] and body["count"] == 0
    assert body["facets"]["kind"] == {"page": 1}


def test_pages_of_results(db, reindex, employee_client):
    for number in range(5):
        publish_standard_page(title=f"Parking niveau {number}", parent=home_page())
    reindex()

    first = employee_client.get("/api/search/", {"q": "parking", "page_size": 2}).json()
    third = employee_client.get("/api/search/", {"q": "parking", "page_size": 2, "page": 3}).json()

    assert first["count"] == 5 and len(first["results"]) == 2
    assert len(third["results"]) == 1
    seen = {r["url"] for r in first["results"]} | {r["url"] for r in third["results"]}
    assert len(seen) == 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "q: Field required"),
        ({"q": "   "}, "q: String should match pattern '[^\\s\\x1c-\\x1f\\x85]'"),
        ({"q": "x", "page": "0"}, "page: Input should be greater than or equal to 1"),
        ({"q": "x", "page": "deux"}, "page: Input should be a valid integer"),
        ({"q": "x", "page_size": "101"}, "page_size: Input should be less than or equal to 100"),
        ({"q": "x", "kind": "spaceship"}, "kind.0: Input should be 'page', 'news', "),
    ],
)
def test_bad_parameters_get_a_400_with_a_json_error(employee_client, params, message):
    response = employee_client.get("/api/search/", params)

    assert response.status_code == 400
    assert response.json()["error"].startswith(message)


def test_anonymous_callers_get_401(client, db):
    response = client.get("/api/search/", {"q": "x"})

    assert response.status_code == 401
    assert response.json() == {"error": "Authentication required."}


def test_promoted_results_come_first(charter, reindex, employee_client):
    other = publish_standard_page(
        title="Guide du télétravail pour les managers",
        body_html="<p>télétravail télétravail télétravail</p>",
        parent=home_page(),
    )
    SearchPromotion.objects.create(
        query=Query.get("télétravail"), page=charter, sort_order=0, description="La référence"
    )
    reindex()

    results = employee_client.get("/api/search/", {"q": "télétravail"}).json()["results"]

    assert [r["url"] for r in results] == [charter.url, other.url]


def test_suggest_returns_titles_starting_with_what_was_typed(charter, reindex, employee_client):
    reindex()

    response = employee_client.get("/api/search/suggest/", {"q": "télét"})

    assert response.status_code == 200
    assert [s["title"] for s in response.json()] == ["Télétravail : la charte"]


@pytest.mark.parametrize("path", ["/api/search/", "/api/search/suggest/"])
def test_a_query_of_blank_control_characters_is_refused_as_the_schema_says(
    db, employee_client, path
):
    """Python's strip() removes \\x1c-\\x1f and \\x85: the schema's pattern says so too, so that
    what the schema calls valid is never answered 400."""
    import re

    schema = employee_client.get("/api/openapi.json").json()
    operation = schema["paths"][path]["get"]
    [q] = [parameter for parameter in operation["parameters"] if parameter["name"] == "q"]

    assert employee_client.get(path, {"q": "\x1c\x85"}).status_code == 400
    # ECMAScript's \s (the schema's dialect, schemathesis' data) leaves them out, as ASCII's does
    assert re.search(q["schema"]["pattern"], "\x1c\x85", re.ASCII) is None
    assert re.search(q["schema"]["pattern"], " télétravail ")
