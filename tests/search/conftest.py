import pytest

from tests.factories import UserFactory


@pytest.fixture
def employee(db):
    return UserFactory(username="employee")


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client
