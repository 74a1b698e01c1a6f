"""The free-text categories of news items become rows of the managed list (news/migrations
0009 to 0011) and go back to text when migrating backwards; revisions follow."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from news.models import NewsCategory, NewsPage
from tests.news.factories import publish_news, sections

BEFORE = [("news", "0008_pages_locale_from_language")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_free_text_categories_become_one_row_per_name_and_come_back():
    sections()
    pages = [publish_news(title=f"N{n}") for n in range(4)]
    publish_news(title="Classée", category="Informatique")

    old = migrate(BEFORE)
    old_pages = old.get_model("news", "NewsPage")
    assert old_pages.objects.get(title="Classée").category == "Informatique"
    spellings = ["Vie interne", "  vie   INTERNE ", "VIE INTERNE", ""]
    for page, spelling in zip(pages, spellings, strict=True):
        old_pages.objects.filter(pk=page.pk).update(category=spelling)

    try:
        migrate(latest())
        categories = dict(NewsPage.objects.values_list("title", "category__name"))
        assert categories == {
            "N0": "Vie interne",
            "N1": "Vie interne",
            "N2": "Vie interne",
            "N3": None,
            "Classée": "Informatique",
        }
        assert sorted(NewsCategory.objects.values_list("slug", flat=True)) == [
            "informatique",
            "vie-interne",
        ]
        # The latest revision (what the editor opens) names the row, not the text.
        draft = NewsPage.objects.get(title="Classée").get_latest_revision_as_object()
        assert draft.category == NewsCategory.objects.get(name="Informatique")

        old = migrate(BEFORE)
        texts = dict(old.get_model("news", "NewsPage").objects.values_list("title", "category"))
        assert texts == {
            "N0": "Vie interne",
            "N1": "Vie interne",
            "N2": "Vie interne",
            "N3": "",
            "Classée": "Informatique",
        }
    finally:
        migrate(latest())
