import pytest
import redis

from tests.mail import SERVER
from tests.processes import wait_for


@pytest.fixture(autouse=True)
def _english(english):
    """Pages and emails are asserted in English, the source language."""


@pytest.fixture(autouse=True)
def _no_activity_left_in_redis(settings):
    """Activity notes live in Redis, outside the test transaction: start each test without."""
    client = redis.Redis.from_url(settings.INSIGHTS_ACTIVITY_REDIS_URL)
    keys = list(client.scan_iter("insights:activity:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def wait_for_inbox():
    """Messages the worker mailed to an address, once they have arrived."""
    SERVER.inbox.clear()

    def arrived(address):
        return wait_for(lambda: SERVER.inbox.to(address), message=f"no email to {address}")

    return arrived
