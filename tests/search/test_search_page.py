"""The search page: facets, pagination, analytics of searches and clicks."""

import pytest
from django.urls import reverse

from search.models import SearchClick, SearchQueryLog
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory


@pytest.fixture
def parking_pages(db):
    for number in range(25):
        publish_standard_page(
            title=f"Parking niveau {number}",
            parent=home_page(),
            tags=["site-lyon" if number % 2 else "site-paris"],
        )


def test_the_page_lists_results_with_facets_and_pagination(parking_pages, reindex, employee_client):
    reindex()

    html = employee_client.get(reverse("search"), {"q": "parking"}).content.decode()

    assert html.count('data-testid="search-result"') == 20
    assert "site-lyon" in html and "(12)" in html and "(13)" in html
    assert 'rel="next"' in html


def test_a_tag_facet_narrows_the_results(parking_pages, reindex, employee_client):
    reindex()

    html = employee_client.get(reverse("search"), {"q": "parking", "tag": "site-lyon"}).content
    html = html.decode()

    assert html.count('data-testid="search-result"') == 12
    assert 'aria-current="true"' in html


def test_every_search_is_logged_with_its_result_count(parking_pages, reindex, employee_client):
    reindex()

    employee_client.get(reverse("search"), {"q": "Parking"})
    employee_client.get(reverse("search"), {"q": "introuvable"})

    logs = SearchQueryLog.objects.order_by("pk")
    assert [(log.normalized_query, log.result_count) for log in logs] == [
        ("parking", 25),
        ("introuvable", 0),
    ]
    assert logs[0].searcher and "employee" not in logs[0].searcher


def test_a_click_on_a_result_is_counted_then_redirects(parking_pages, reindex, employee_client):
    reindex()
    employee_client.get(reverse("search"), {"q": "parking"})
    log = SearchQueryLog.objects.get()

    response = employee_client.get(
        reverse("search-click", args=[log.pk]),
        {"rank": 2, "kind": "page", "id": "42", "to": "/parking-niveau-1/"},
    )

    assert response.status_code == 302 and response["Location"] == "/parking-niveau-1/"
    assert SearchClick.objects.filter(search=log, rank=2).count() == 1


def test_the_click_redirect_never_leaves_the_site(parking_pages, reindex, employee_client):
    reindex()
    employee_client.get(reverse("search"), {"q": "parking"})
    log = SearchQueryLog.objects.get()

    response = employee_client.get(
        reverse("search-click", args=[log.pk]), {"to": "https://evil.example/"}
    )

    assert response["Location"] == "/"


def test_nobody_can_add_clicks_to_someone_elses_search(parking_pages, reindex, client):
    reindex()
    client.force_login(UserFactory())
    client.get(reverse("search"), {"q": "parking"})
    log = SearchQueryLog.objects.get()
    client.force_login(UserFactory())

    client.get(reverse("search-click", args=[log.pk]), {"to": "/"})

    assert not SearchClick.objects.exists()


def drawer(html: str) -> str:
    start = html.index('<details class="filter-drawer"')
    return html[start : html.index("</details>", start)]


def test_the_facets_sit_in_the_filter_drawer_after_the_results_closed_without_filters(
    parking_pages, reindex, employee_client
):
    reindex()

    html = employee_client.get(reverse("search"), {"q": "parking"}).content.decode()

    facets = drawer(html)
    assert html.index('data-testid="search-result"') < html.index('class="filter-drawer"')
    assert "<details" in facets and " open" not in facets.split(">", 1)[0]
    assert "site-lyon" in facets and 'href="?q=parking&amp;tag=site-lyon"' in facets
    assert "filter-drawer__count" not in facets and "filter-drawer__clear" not in facets


def test_facets_chosen_by_links_count_in_the_drawer_which_clears_them_and_keeps_the_query(
    parking_pages, reindex, employee_client, english
):
    reindex()

    html = employee_client.get(
        reverse("search"), {"q": "parking", "tag": "site-lyon", "kind": "page"}
    ).content.decode()

    facets = drawer(html)
    assert html.count('data-testid="search-result"') == 12
    assert '<span aria-hidden="true">2</span>' in facets and "2 filtres actifs" in facets
    assert '<p class="filter-drawer__clear"><a href="?q=parking">' in facets
    # the selected tag's link takes it away and keeps the other filter
    assert 'href="?q=parking&amp;kind=page" aria-current="true"' in facets
