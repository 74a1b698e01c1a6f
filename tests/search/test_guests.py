"""A guest's search covers only the kinds registered open to guests (`guest_visible`), and the
search page and API open to guests only once such a kind exists; until communities register
one, a guest finds nothing and gets 404 on both. Checked with OpenSearch and with the
embedded database backend."""

import pytest

from core.findable import registry
from search.services import run_search
from tests.intranet.factories import home_page, publish_standard_page
from tests.news.factories import publish_news
from tests.people.factories import guest, person

pytestmark = pytest.mark.django_db

INLINE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def cantines(db):
    """A news item and a page about the canteen; employees find both."""
    publish_news(title="Cantine : les menus de décembre")
    publish_standard_page(title="Cantine : le règlement", parent=home_page())


@pytest.fixture
def pages_open_to_guests(monkeypatch):
    """Pages stand in for the kinds communities will open to guests."""
    monkeypatch.setattr(registry["page"], "guest_visible", True)


def kinds_found(client, user, text="cantine") -> dict:
    client.force_login(user)
    found = client.get("/api/search/", {"q": text}).json()
    suggested = client.get("/api/search/suggest/", {"q": text[:4]}).json()
    return {
        "results": sorted(hit["kind"] for hit in found["results"]),
        "suggestions": sorted({hit["kind"] for hit in suggested}),
    }


@pytest.fixture
def no_kind_open_to_guests(monkeypatch):
    """As before communities opened theirs: no kind registered `guest_visible`."""
    for entry in registry.values():
        monkeypatch.setattr(entry, "guest_visible", False)


def test_with_no_kind_open_to_guests_a_guest_finds_nothing_and_search_is_closed(
    cantines, reindex, client, no_kind_open_to_guests
):
    reindex()
    expert = guest(username="eva")

    outcome = run_search(user=expert, text="cantine")
    client.force_login(expert)

    assert outcome.count == 0 and outcome.results == []
    assert client.get("/api/search/", {"q": "cantine"}).status_code == 404
    assert client.get("/search/", {"q": "cantine"}).status_code == 404


def test_a_guest_finds_only_the_kinds_open_to_guests(
    cantines, reindex, client, pages_open_to_guests
):
    reindex()

    expert = kinds_found(client, guest(username="eva"))
    employee = kinds_found(client, person(username="emma"))

    assert expert == {"results": ["page"], "suggestions": ["page"]}
    assert employee == {"results": ["news", "page"], "suggestions": ["news", "page"]}
    assert client.get("/search/", {"q": "cantine"}).status_code == 200


@pytest.mark.django_db(transaction=True)  # documents are built from committed rows
def test_the_embedded_backend_keeps_a_guest_to_the_same_kinds(
    settings, client, pages_open_to_guests
):
    settings.SEARCH_BACKEND = "database"
    settings.TASKS = INLINE_TASKS
    home_page()
    publish_news(title="Cantine : les menus de décembre")
    publish_standard_page(title="Cantine : le règlement", parent=home_page())

    client.force_login(guest(username="eva"))
    found = client.get("/api/search/", {"q": "cantine"}).json()

    assert [hit["kind"] for hit in found["results"]] == ["page"]
    assert found["facets"]["kind"] == {"page": 1}
