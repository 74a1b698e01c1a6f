"""Scheduled news: invisible to readers until their go-live time (page, feed, search,
digest), published by the periodic job (beat in the full mode, the embedded scheduler
otherwise: both run CELERY_BEAT_SCHEDULE), gone at expiry; the index follows both moments."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import Revision
from wagtail.rich_text import RichText

from intranet.scheduler import jobs_from_settings
from news.models import NewsIndexPage, NewsPage
from news.selectors import news_for_user, news_published_for
from news.tasks import publish_scheduled
from tests.news.factories import sections
from tests.people.factories import person

INLINE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def embedded(settings):
    """The embedded default: Wagtail's database backend, background tasks run inline."""
    settings.SEARCH_BACKEND = "database"
    settings.TASKS = INLINE_TASKS


def titles_found(client, text):
    return [hit["title"] for hit in client.get("/api/search/", {"q": text}).json()["results"]]


def seen(client, reader, page, since):
    """Where the reader meets the news item: its page, their feed, search, the digest."""
    page = NewsPage.objects.get(pk=page.pk)
    return {
        "page": client.get(page.url or f"/pages/{page.pk}/").status_code == 200
        if page.url
        else False,
        "feed": page in news_for_user(reader),
        "search": "Zeppelin programmé" in titles_found(client, "zeppelin"),
        "digest": page in news_published_for(reader, since=since, until=timezone.now()),
    }


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_news_item_appears_at_its_time_and_leaves_at_expiry(embedded, client):
    sections()
    reader = person(username="reader")
    client.force_login(reader)
    since = timezone.now() - timedelta(minutes=1)
    page = NewsPage(title="Zeppelin programmé", body=[("paragraph", RichText("<p>Bientôt</p>"))])
    page.live = False
    NewsIndexPage.objects.get().add_child(instance=page)
    revision = page.save_revision(approved_go_live_at=timezone.now() + timedelta(hours=1))
    url = page.get_url()

    publish_scheduled()  # not yet its time
    assert client.get(url).status_code == 404
    assert seen(client, reader, page, since) == dict.fromkeys(
        ["page", "feed", "search", "digest"], False
    )

    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - timedelta(seconds=1)
    )
    publish_scheduled()
    assert client.get(url).status_code == 200
    assert seen(client, reader, page, since) == dict.fromkeys(
        ["page", "feed", "search", "digest"], True
    )

    NewsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    publish_scheduled()
    assert NewsPage.objects.get(pk=page.pk).expired
    assert client.get(url).status_code == 404
    assert seen(client, reader, page, since) == dict.fromkeys(
        ["page", "feed", "search", "digest"], False
    )


def test_both_modes_run_the_publishing_job_every_minute():
    entries = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert entries["news.publish_scheduled"] == 60.0  # celery beat, full mode
    jobs = {job.task: job for job in jobs_from_settings(timezone.now())}
    assert "news.publish_scheduled" in jobs  # the embedded scheduler, same entry
    assert jobs["news.publish_scheduled"].schedule.run_every == timedelta(seconds=60)
