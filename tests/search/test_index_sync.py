"""The index follows the database: through the outbox and a real worker, and on rebuild."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from search.engine import alias_name, get_engine
from search.indexing import rebuild
from search.models import SearchEntry
from search.services import run_search
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory
from tests.processes import wait_for


def found(user, text):
    get_engine().refresh()
    return [hit.title for hit in run_search(user=user, text=text).results]


@pytest.mark.django_db(transaction=True)
def test_publishing_editing_and_unpublishing_reach_the_index_through_the_worker(celery_worker):
    rebuild()
    user = UserFactory()
    with transaction.atomic():
        page = publish_standard_page(title="Navette du matin", parent=home_page())

    wait_for(lambda: found(user, "navette") == ["Navette du matin"], message="not indexed")

    page.title = "Navette du soir"
    page.save_revision().publish()
    wait_for(lambda: found(user, "navette") == ["Navette du soir"], message="edit not indexed")

    page.unpublish()
    wait_for(lambda: found(user, "navette") == [], message="unpublished page still found")


def test_rebuild_swaps_the_alias_to_a_new_index_and_drops_the_old_one(db):
    publish_standard_page(title="Cantine", parent=home_page())
    rebuild()
    [before] = get_engine().indices_behind_alias()

    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)

    [after] = get_engine().indices_behind_alias()
    assert after != before and after.startswith(alias_name())
    assert not get_engine().client.indices.exists(index=before)
    assert "page: 1" in out.getvalue()


def test_the_status_command_compares_the_index_with_the_database(db):
    publish_standard_page(title="Cantine", parent=home_page())
    rebuild()
    publish_standard_page(title="Crèche", parent=home_page())  # not indexed: no worker here

    out = io.StringIO()
    call_command("search_index_status", stdout=out)

    report = out.getvalue()
    assert "Pending index updates:" in report
    assert "page" in report and "2          1  ≠" in report.replace("\x1b", "")


@override_settings(SEARCH_BACKEND="database")
def test_the_embedded_mode_gives_the_same_api_on_the_database(db, client):
    publish_standard_page(
        title="Télétravail : la charte",
        body_html="<p>Trois jours de télétravail par semaine.</p>",
        parent=home_page(),
    )
    rebuild()
    client.force_login(UserFactory())

    body = client.get("/api/search/", {"q": "télétravail"}).json()

    assert SearchEntry.objects.count() == 1
    assert body["count"] == 1
    assert body["results"][0]["title"] == "Télétravail : la charte"
    assert "<mark>télétravail</mark>" in body["results"][0]["snippet"]
    assert body["facets"] == {"kind": {"page": 1}}
