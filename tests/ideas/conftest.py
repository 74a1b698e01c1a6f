import pytest

from tests.people.factories import person


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are asserted in English (the source language); requests choose their own."""


@pytest.fixture(autouse=True)
def _inline_tasks_in_threaded_tests(request):
    """Transactional tests (real threads) run background tasks inline.

    Otherwise each commit would hand search and notification tasks to the shared worker,
    whose transactions can then collide with the table flush at the end of the test.
    Tests marked `worker` keep the real outbox and worker.
    """
    marker = request.node.get_closest_marker("django_db")
    threaded = marker is not None and marker.kwargs.get("transaction", False)
    if not threaded or request.node.get_closest_marker("worker"):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    yield


@pytest.fixture
def owner(db):
    """The owner of the challenges the tests make (`challenge(owner=owner)`)."""
    return person(username="owner")
