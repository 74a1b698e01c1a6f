"""Smoke tests: each real service of the full mode is the one actually used."""

import uuid

import pytest
from django.conf import settings
from django.db import connection, transaction
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.opensearch2 import OpenSearch2SearchBackend

from core.tasks import ping
from intranet.models import StandardPage
from tests.intranet.factories import home_page, publish_standard_page
from tests.processes import wait_for


@pytest.mark.django_db
def test_the_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


def test_a_task_sent_through_redis_is_executed_by_a_worker(celery_worker):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert not settings.CELERY_TASK_ALWAYS_EAGER

    answer = ping.apply_async(args=["hello"]).get(timeout=30)

    assert answer["reply"] == "pong: hello"
    assert answer["worker"].startswith("test-worker@")


@pytest.mark.django_db(transaction=True)
def test_a_page_published_in_wagtail_is_found_through_opensearch(celery_worker, search_index):
    backend = get_search_backend()
    assert isinstance(backend, OpenSearch2SearchBackend)  # Wagtail's, with Ruche's cluster options
    word = f"zorglub{uuid.uuid4().hex[:8]}"

    with transaction.atomic():
        page = publish_standard_page(
            title=f"Guide {word}", body_html=f"<p>Le {word} se range ici.</p>", parent=home_page()
        )

    found = wait_for(
        lambda: list(StandardPage.objects.live().search(word)),
        message="the worker did not index the published page in OpenSearch",
    )
    assert [result.pk for result in found] == [page.pk]
    raw = backend.es.search(index=f"{settings.SEARCH_INDEX_PREFIX}*", q=word)
    assert raw["hits"]["total"]["value"] >= 1
