import pytest

from search.engine import get_engine
from search.indexing import rebuild
from tests.factories import UserFactory


@pytest.fixture
def reindex(db):
    """Rebuild the unified OpenSearch index from the test's data, ready to query."""

    def run():
        counts = rebuild()
        get_engine().refresh()
        return counts

    return run


@pytest.fixture
def employee(db):
    return UserFactory(username="employee")


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client
