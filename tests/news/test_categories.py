"""News categories come from a list editors maintain (a snippet): one name whatever its case
and spacing, a French and an English name, the index's filter, the import, teasers."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from news.models import NewsCategory, NewsPage
from news.search import news_document
from news.selectors import news_categories
from tests.importing import run_import, write_jsonl
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sections(db):
    sections()


def test_a_category_name_is_one_whatever_its_case_and_spacing():
    NewsCategory.objects.create(name="Vie interne")

    twin = NewsCategory(name="  vie   INTERNE ")
    with pytest.raises(ValidationError) as raised:
        twin.full_clean()

    assert "name" in raised.value.message_dict
    assert NewsCategory.objects.named("VIE  interne").name == "Vie interne"


def test_readers_see_the_name_of_their_language():
    category = NewsCategory.objects.create(name="Ressources humaines", name_en="Human resources")
    bare = NewsCategory.objects.create(name="Informatique")

    with translation.override("en"):
        assert (str(category), str(bare)) == ("Human resources", "Informatique")
    with translation.override("fr"):
        assert str(category) == "Ressources humaines"
    assert category.slug == "ressources-humaines"


def test_the_index_filters_by_a_category_of_the_list_by_slug_or_by_name(client):
    client.force_login(person(username="reader"))
    publish_news(title="Sur la paie", category="Ressources humaines")
    publish_news(title="Sur le wifi", category="Informatique")
    NewsCategory.objects.create(name="Sans actualité")

    by_slug = client.get("/actualites/", {"category": "ressources-humaines"}).content.decode()
    by_name = client.get("/actualites/", {"category": "informatique"}).content.decode()

    assert "Sur la paie" in by_slug and "Sur le wifi" not in by_slug
    assert "Sur le wifi" in by_name and "Sur la paie" not in by_name
    assert [c.name for c in news_categories()] == ["Informatique", "Ressources humaines"]
    assert 'value="ressources-humaines" selected' in by_slug


def test_the_import_names_a_category_and_adds_the_ones_the_list_lacks(tmp_path):
    NewsCategory.objects.create(name="Vie interne", name_en="Company life")
    path = write_jsonl(
        tmp_path,
        *[
            {
                "kind": "news",
                "key": key,
                "title": key,
                "body": "Texte",
                "published_at": "2026-03-02T09:30:00+01:00",
                "category": category,
            }
            for key, category in [("a", " vie INTERNE"), ("b", "company life"), ("c", "Sécurité")]
        ],
    )

    run_import(path)

    categories = dict(NewsPage.objects.values_list("title", "category__name"))
    assert categories == {"a": "Vie interne", "b": "Vie interne", "c": "Sécurité"}
    assert NewsCategory.objects.count() == 2


def test_the_import_refuses_a_teaser_too_long_with_its_line(tmp_path):
    row = {
        "kind": "news",
        "key": "long",
        "title": "Long",
        "body": "Texte",
        "published_at": "2026-03-02T09:30:00+01:00",
        "teaser": "x" * 241,
    }
    path = write_jsonl(tmp_path, row)

    _out, err = run_import(path, expect_failure=True)

    assert f"{path}:1" in err and "teaser" in err and not NewsPage.objects.exists()


def test_a_teaser_shows_on_cards_and_in_search_instead_of_the_intro(client):
    client.force_login(person(username="reader"))
    page = publish_news(title="Cantine", intro="Un long texte d'introduction", teaser="En bref")
    update = publish_update(title="Mot", teaser="Trois mots")

    listing = client.get("/actualites/").content.decode()
    leadership = client.get(update.get_parent().url).content.decode()

    assert '<p class="teaser">En bref</p>' in listing and "Un long texte" not in listing
    assert '<p class="teaser">Trois mots</p>' in leadership
    assert news_document(page).body.startswith("En bref")
