"""Reconciliation: a periodic job compares the database with the index (which documents
exist, and a fingerprint of each one's content and permissions) and repairs what an update
lost would have left: documents missing, stale (a page made private still findable) or in the
index when they should not be. On the engine and on the embedded database backend."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.findable import SearchDocument
from search.engine import alias_name, get_engine
from search.indexing import engine_source, rebuild
from search.models import IndexReconciliation, SearchEntry
from search.reconciliation import reconcile_index
from search.services import run_search
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory


def titles(user, text):
    if settings.SEARCH_BACKEND != "database":
        get_engine().refresh()
    return sorted(hit.title for hit in run_search(user=user, text=text).results)


def pages_whose_updates_were_lost():
    """Three pages indexed, then changed behind the index's back (their updates dropped)."""
    private = publish_standard_page(title="Grille des salaires", parent=home_page())
    lost = publish_standard_page(title="Parking des visiteurs", parent=home_page())
    publish_standard_page(title="Cantine du siège", parent=home_page())
    indexed = sum(rebuild().values())  # the home page is findable too
    # A page made private: only HR may read it now, but its document still says "everyone".
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="RH"))
    return private, lost, indexed


@pytest.mark.django_db
def test_reconciliation_repairs_missing_stale_and_unwanted_documents_in_the_engine():
    employee = UserFactory()
    private, lost, indexed = pages_whose_updates_were_lost()
    opensearch = get_engine()
    opensearch.client.delete(index=alias_name(), id=f"page:{lost.pk}", refresh=True)
    ghost = SearchDocument(kind="page", object_id="987654", title="Parking fantôme", url="/x/")
    opensearch.bulk(
        [{"_index": alias_name(), "_id": "page:987654", "_source": engine_source(ghost)}],
        refresh=True,
    )
    assert titles(employee, "salaires") == ["Grille des salaires"]  # the leak
    assert titles(employee, "parking") == ["Parking fantôme"]

    run = reconcile_index()

    assert (run.missing, run.stale, run.extra, run.repaired) == (1, 1, 1, 3)
    assert run.checked == indexed and run.error == ""
    assert titles(employee, "salaires") == []
    assert titles(employee, "parking") == ["Parking des visiteurs"]
    again = reconcile_index()
    assert (again.missing, again.stale, again.extra, again.repaired) == (0, 0, 0, 0)


@pytest.mark.django_db
@override_settings(SEARCH_BACKEND="database")
def test_reconciliation_repairs_the_embedded_database_index():
    employee = UserFactory()
    private, lost, _indexed = pages_whose_updates_were_lost()
    SearchEntry.objects.filter(kind="page", object_id=str(lost.pk)).delete()
    SearchEntry.objects.create(kind="idea", object_id="424242", title="Idée fantôme", url="/x/")
    assert titles(employee, "salaires") == ["Grille des salaires"]

    run = reconcile_index()

    assert (run.missing, run.stale, run.extra, run.repaired) == (1, 1, 1, 3)
    assert titles(employee, "salaires") == []
    assert titles(employee, "parking") == ["Parking des visiteurs"]
    assert not SearchEntry.objects.filter(object_id="424242").exists()


@pytest.mark.django_db
def test_the_status_command_shows_the_last_reconciliation():
    _private, _lost, indexed = pages_whose_updates_were_lost()
    reconcile_index()

    out = io.StringIO()
    call_command("search_index_status", stdout=out)

    last = IndexReconciliation.objects.latest("started_at")
    report = out.getvalue()
    assert "Reconciliation: last run" in report
    assert (
        f"{indexed} documents checked, 1 differences found (0 missing, 1 stale, 0 extra), "
        "1 repaired"
    ) in report
    assert f"{timezone.localtime(last.finished_at):%Y-%m-%d %H:%M}" in report


def test_reconciliation_runs_on_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["search-reconcile-index"]
    assert entry["task"] == "search.reconcile_index"
    from intranet.celery import app

    app.loader.import_default_modules()
    assert "search.reconcile_index" in app.tasks


@pytest.mark.django_db
def test_a_reconciliation_that_cannot_reach_the_engine_is_recorded_as_failed(engine):
    publish_standard_page(title="Cantine", parent=home_page())
    engine.stop()

    with pytest.raises(Exception, match="ConnectionError|Connection refused"):
        reconcile_index()

    run = IndexReconciliation.objects.get()
    assert run.finished_at is not None and "ConnectionError" in run.error
    out = io.StringIO()
    call_command("search_index_status", stdout=out)
    assert "failed: ConnectionError" in out.getvalue()
