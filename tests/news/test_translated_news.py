"""News and leadership updates in French and English: one item per translated set (issue 18).

The news index, its Atom feed, the home feed (its hero, news, leadership updates and
must-reads) and the digest each show a translated item once, in the reader's language where
that version exists, the other one otherwise.
"""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from intranet.feed import home_for
from news.models import NewsPage
from news.services import acknowledge_must_read
from notifications.digests import build_digest, window_for
from tests.intranet.factories import publish_translation
from tests.news.factories import publish_news, publish_update, sections
from tests.notifications.factories import published_at
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DAILY = window_for("daily", NOW)


@pytest.fixture
def bilingual(db):
    """A translated news item, a French-only one, a translated leadership update."""
    sections()
    news = publish_news(title="Nouvelle cantine", language="fr")
    publish_translation(news, "en", title="New canteen")
    publish_news(title="Seulement en français", language="fr")
    update = publish_update(title="Le mot du trimestre", language="fr")
    publish_translation(update, "en", title="Word of the quarter")
    return news


def titles(pages):
    return sorted(page.title for page in pages)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Nouvelle cantine", "Seulement en français"]),
        ("en", ["New canteen", "Seulement en français"]),
    ],
)
def test_the_news_index_and_atom_feed_list_one_version_per_set(
    client, bilingual, language, expected
):
    client.force_login(UserFactory())
    headers = {"HTTP_ACCEPT_LANGUAGE": language}

    index = client.get("/actualites/", **headers).content.decode()
    atom = client.get("/news/feed/", **headers).content.decode()

    for title in ["Nouvelle cantine", "New canteen", "Seulement en français"]:
        assert (title in index) == (title in expected), title
        assert atom.count(f"<title>{title}</title>") == (1 if title in expected else 0), title


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_home_feed_shows_each_set_once_in_the_readers_language(bilingual, language):
    reader = UserFactory()
    with translation.override(language):
        home = home_for(reader)

    news = [item.obj.title for item in home.feed.items if item.kind == "news"]
    updates = [page.title for page in home.news_feed.leadership_updates]
    if language == "fr":
        assert sorted(news) == ["Nouvelle cantine", "Seulement en français"]
        assert updates == ["Le mot du trimestre"]
    else:
        assert sorted(news) == ["New canteen", "Seulement en français"]
        assert updates == ["Word of the quarter"]
    assert home.hero is not None and home.hero.title in news


def test_a_must_read_is_pending_once_and_read_in_either_language(bilingual):
    news = publish_news(title="Charte informatique", must_read=True, language="fr")
    english = publish_translation(news, "en", title="IT charter")
    reader = UserFactory()

    with translation.override("en"):
        assert [page.title for page in home_for(reader).news_feed.must_reads] == ["IT charter"]
    acknowledge_must_read(user=reader, page=news)
    with translation.override("en"):
        assert home_for(reader).news_feed.must_reads == []
    assert english.must_read


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Nouvelle cantine", "Seulement en français"]),
        ("en", ["New canteen", "Seulement en français"]),
    ],
)
def test_the_digest_lists_one_version_per_set_in_its_language(bilingual, language, expected):
    for page in NewsPage.objects.all():
        published_at(page, DAILY.start + timedelta(hours=10))
    reader = UserFactory()

    with translation.override(language):
        digest = build_digest(reader, DAILY)

    listed = [item.title for section in digest.sections for item in section.items]
    assert (
        sorted(title for title in listed if title in {*expected, "New canteen", "Nouvelle cantine"})
        == expected
    )
