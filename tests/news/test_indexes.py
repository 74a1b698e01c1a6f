"""The indexes that keep news lists fast with 20,000 news (bench/scale.py --explain).

Each test checks that the index exists under its name and that PostgreSQL's planner picks it
for the query Ruche really sends (captured from the selector), on a table of a few thousand
rows with fresh statistics; sequential scans stay allowed, so the plan is the planner's own.
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from news.models import NewsPage
from news.selectors.digest import news_published_for
from news.selectors.insights import live_must_reads
from tests.news.factories import publish_news, sections
from tests.people.factories import person
from tests.plans import analyze, index_names, plan_of, statements_of

pytestmark = pytest.mark.django_db


def many_news(count: int) -> None:
    """`count` live news rows under the news index, one every two hours back from now,
    placed in the page tree in bulk (the tree fields as Wagtail computes them; `add_child`
    one by one would take minutes)."""
    index, _leadership = sections()
    index.refresh_from_db()
    news_type = ContentType.objects.get_for_model(NewsPage)
    now = timezone.now()
    pages = Page.objects.bulk_create(
        Page(
            title=f"Actualité {n}",
            draft_title=f"Actualité {n}",
            slug=f"actualite-{n}",
            content_type=news_type,
            path=Page._get_path(index.path, index.depth + 1, index.numchild + n + 1),
            depth=index.depth + 1,
            url_path=f"{index.url_path}actualite-{n}/",
            locale_id=index.locale_id,
            live=True,
            first_published_at=now - timedelta(hours=2 * n),
            last_published_at=now - timedelta(hours=2 * n),
        )
        for n in range(count)
    )
    NewsPage.objects._insert(
        [NewsPage(page_ptr_id=page.pk, intro="", body=[]) for page in pages],
        fields=NewsPage._meta.local_concrete_fields,
    )
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)


def test_must_reads_are_found_in_their_partial_index_among_thousands_of_news():
    many_news(3000)
    publish_news(title="À lire : la nouvelle charte", must_read=True)
    analyze("news_newspage", "wagtailcore_page")

    (sql, params), *_ = [
        (sql, params)
        for sql, params in statements_of(lambda: list(live_must_reads()))
        if '"news_newspage"' in sql
    ]

    assert "news_must_read" in index_names("news_newspage")
    assert "news_must_read" in plan_of(sql, params)
    assert [page.title for page in live_must_reads()] == ["À lire : la nouvelle charte"]


def test_a_digest_reads_the_news_of_its_week_by_date_not_every_news_row():
    # One news per translated set (core.languages.one_per_translation) must not make
    # PostgreSQL compare every news row with each page of the week (0.5 s at 20,000 news).
    many_news(3000)
    reader = person()
    analyze("news_newspage", "wagtailcore_page")
    now = timezone.now()

    def week() -> list:
        return list(news_published_for(reader, since=now - timedelta(days=7), until=now))

    (sql, params), *_ = [
        (sql, params) for sql, params in statements_of(week) if '"news_newspage"' in sql
    ]

    plan = plan_of(sql, params)
    assert "wagtailcore_page_first_published_at" in plan
    assert "Seq Scan on news_newspage " not in plan, plan
    assert len(week()) == 84  # one news every two hours
