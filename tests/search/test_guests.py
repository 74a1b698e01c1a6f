"""A guest's search covers only the kinds registered open to guests (`guest_visible`), and in
them only what belongs to the guest's communities; the search page and API open to guests only
once such a kind exists (without one, a guest finds nothing and gets 404 on both). Checked with
OpenSearch and with the embedded database backend."""

import pytest

from core.findable import registry
from search.services import run_search
from tests.communities.factories import community, event
from tests.ideas.factories import challenge
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


@pytest.fixture
def club_and_others(cantines):
    """An expert invited into the canteen club, and events about the canteen: one of the club,
    one of a challenge open to every employee, one for everyone."""
    expert = guest(username="eva")
    club = community(name="Club cantine", members=[expert])
    event(club, title="Cantine : dégustation du club")
    event(challenge(title="Défi anti-gaspillage", phase="open"), title="Cantine : atelier du défi")
    event(None, title="Cantine : visite des cuisines")
    return expert


def test_a_guest_finds_only_what_is_in_their_communities_even_of_a_kind_open_to_guests(
    club_and_others, reindex, client
):
    reindex()

    client.force_login(club_and_others)
    found = client.get("/api/search/", {"q": "cantine"}).json()
    employee = kinds_found(client, person(username="emma"))

    assert sorted(hit["title"] for hit in found["results"]) == [
        "Cantine : dégustation du club",
        "Club cantine",
    ]
    assert found["facets"]["kind"] == {"community": 1, "event": 1}
    assert employee["results"] == ["community", "event", "event", "event", "news", "page"]
    client.force_login(club_and_others)
    assert client.get("/search/", {"q": "cantine"}).status_code == 200


@pytest.mark.django_db(transaction=True)  # documents are built from committed rows
def test_the_embedded_backend_keeps_a_guest_to_their_communities(settings, client):
    settings.SEARCH_BACKEND = "database"
    settings.TASKS = INLINE_TASKS
    home_page()
    publish_news(title="Cantine : les menus de décembre")
    publish_standard_page(title="Cantine : le règlement", parent=home_page())
    expert = guest(username="eva")
    event(community(name="Club cantine", members=[expert]), title="Cantine : dégustation")
    event(None, title="Cantine : visite des cuisines")

    client.force_login(expert)
    found = client.get("/api/search/", {"q": "cantine"}).json()

    assert sorted(hit["title"] for hit in found["results"]) == [
        "Cantine : dégustation",
        "Club cantine",
    ]
    assert found["facets"]["kind"] == {"community": 1, "event": 1}
