"""A page past its review date ranks below an equally relevant fresh page, on the real
OpenSearch node and on the database backend, and its result says it may be out of date."""

from datetime import timedelta

import pytest
from django.utils import timezone

from search.indexing import rebuild
from search.services import run_search
from tests.intranet.factories import publish_standard_page

BODY = "<p>Comment déclarer ses frais de déplacement et se faire rembourser.</p>"


@pytest.fixture
def twin_pages(db):
    """Two pages as relevant as each other for "frais de déplacement"; the first one is stale,
    and published last (the engine would otherwise rank it first on ties)."""
    fresh = publish_standard_page(title="Frais de déplacement (service achats)", body_html=BODY)
    stale = publish_standard_page(title="Frais de déplacement (service paie)", body_html=BODY)
    stale.review_date = timezone.localdate() - timedelta(days=2)
    stale.save_revision().publish()
    return {"fresh": fresh, "stale": stale}


def ranked(user, text):
    return run_search(user=user, text=text).results


def test_a_stale_page_ranks_below_an_equally_relevant_fresh_page_on_the_engine(
    twin_pages, reindex, employee
):
    reindex()

    hits = ranked(employee, "frais de déplacement")

    assert [hit.title for hit in hits[:2]] == [twin_pages["fresh"].title, twin_pages["stale"].title]
    assert [hit.stale for hit in hits[:2]] == [False, True]


def test_the_order_follows_the_review_dates_not_the_titles_on_the_engine(
    twin_pages, reindex, employee
):
    """Make the other page the stale one: the order turns round."""
    for name, days in (("stale", 10), ("fresh", -2)):
        page = twin_pages[name]
        page.review_date = timezone.localdate() + timedelta(days=days)
        page.save_revision().publish()
    reindex()

    hits = ranked(employee, "frais de déplacement")

    assert [hit.title for hit in hits[:2]] == [twin_pages["stale"].title, twin_pages["fresh"].title]


def test_a_stale_page_ranks_below_an_equally_relevant_fresh_page_on_the_database(
    twin_pages, settings, employee
):
    settings.SEARCH_BACKEND = "database"
    rebuild()

    hits = ranked(employee, "frais de déplacement")

    assert [hit.title for hit in hits[:2]] == [twin_pages["fresh"].title, twin_pages["stale"].title]
    assert [hit.stale for hit in hits[:2]] == [False, True]


def test_the_search_page_marks_a_stale_result(twin_pages, reindex, employee_client):
    reindex()

    html = employee_client.get("/search/", {"q": "frais de déplacement"}).content.decode()

    assert html.count('data-testid="result-stale"') == 1


def test_the_search_api_says_which_result_may_be_out_of_date(twin_pages, reindex, employee_client):
    reindex()

    results = employee_client.get("/api/search/", {"q": "frais de déplacement"}).json()["results"]

    flags = {result["title"]: result["stale"] for result in results}
    assert flags[twin_pages["stale"].title] is True
    assert flags[twin_pages["fresh"].title] is False
