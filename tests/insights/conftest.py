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
