import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Pages and emails are asserted in English, the source language."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _no_activity_left_in_redis(settings):
    """Activity notes live in Redis, outside the test transaction: start each test without."""
    import redis

    client = redis.Redis.from_url(settings.INSIGHTS_ACTIVITY_REDIS_URL)
    keys = list(client.scan_iter("insights:activity:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def wait_for_inbox():
    """Messages the worker mailed to an address, once they have arrived."""
    from tests.conftest import wait_for
    from tests.mail import SERVER

    SERVER.inbox.clear()

    def arrived(address):
        return wait_for(lambda: SERVER.inbox.to(address), message=f"no email to {address}")

    return arrived
