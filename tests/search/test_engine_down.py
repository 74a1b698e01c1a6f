"""The search engine stops: writes still succeed, searches say so, and the index catches up.

This test really stops the OpenSearch node of `make services` and starts it again.
"""

import subprocess
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from core.models import OutboxTask
from core.outbox import relay_due_tasks
from search.engine import get_engine
from search.indexing import rebuild
from search.services import run_search
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory
from tests.processes import wait_for

SERVICES = Path(__file__).resolve().parents[2] / "scripts" / "services.sh"


def opensearch(action: str) -> None:
    subprocess.run(["bash", str(SERVICES), f"{action}-opensearch"], check=True, timeout=240)


@pytest.fixture
def engine_stopped_then_restarted():
    opensearch("stop")
    assert not get_engine().ping(), (
        "OpenSearch still answers: this checkout's scripts/services.sh did not start it, so it "
        "cannot stop it (stop the other node with `make services-stop` where it was started)"
    )
    try:
        yield
    finally:
        opensearch("start")


def pending_search_updates():
    return OutboxTask.objects.pending().filter(task_path="search.tasks.sync_documents")


@pytest.mark.django_db(transaction=True)
def test_writes_made_while_the_engine_is_down_are_indexed_when_it_returns(
    celery_worker, engine_stopped_then_restarted, client
):
    employee = UserFactory()
    client.force_login(employee)

    with transaction.atomic():
        page = publish_standard_page(title="Plan de continuité", parent=home_page())

    assert page.live  # the write succeeded with the engine down
    failed = wait_for(
        lambda: pending_search_updates().exclude(last_error="").first(),
        message="the worker never tried to index the page",
    )
    assert failed.attempts >= 1
    response = client.get("/api/search/", {"q": "continuité"})
    assert response.status_code == 503
    assert response.json() == {
        "error": "Search is temporarily unavailable; please try again in a moment."
    }
    assert client.get("/search/", {"q": "continuité"}).status_code == 503

    opensearch("start")
    pending_search_updates().update(next_attempt_at=timezone.now())  # back-off elapsed
    relay_due_tasks()

    wait_for(lambda: not pending_search_updates().exists(), timeout=60, message="not replayed")
    get_engine().refresh()
    assert [hit.title for hit in run_search(user=employee, text="continuité").results] == [
        "Plan de continuité"
    ]


@pytest.fixture(autouse=True)
def _fresh_index(transactional_db):
    rebuild()
