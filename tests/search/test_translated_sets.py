"""Search finds a translated set once, in the reader's language (issue 18).

"Télétravail" and its translation "Remote work policy" used to come back as two unrelated
results. Now a French reader finds the French version only and an English reader the English
one, results, counts, facets and suggestions alike; a set with one version finds it for
everyone; withdrawing a version brings the other back. Checked in the embedded mode (database
backend, tasks inline) and in the full mode (OpenSearch).
"""

import pytest

from search.engine import get_engine
from search.indexing import rebuild
from tests.intranet.factories import home_page, publish_standard_page, publish_translation
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import UserFactory

INLINE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def embedded(settings):
    settings.SEARCH_BACKEND = "database"
    settings.TASKS = INLINE_TASKS


def found(client, language, text):
    """The titles `/api/search/` and its suggestions give a reader of `language`, its count
    and its kind facet."""
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    answer = client.get("/api/search/", {"q": text}, **headers).json()
    suggested = client.get("/api/search/suggest/", {"q": text}, **headers).json()
    return {
        "results": [hit["title"] for hit in answer["results"]],
        "count": answer["count"],
        "kinds": answer["facets"]["kind"],
        "suggestions": [hit["title"] for hit in suggested],
    }


def bilingual_page():
    original = publish_standard_page(
        title="Zorbitude télétravail",
        body_html="<p>Les règles du télétravail zorbitude.</p>",
        parent=home_page(),
    )
    translation = publish_translation(original, "en", title="Zorbitude remote work policy")
    return original, translation


@pytest.mark.django_db(transaction=True)
def test_each_reader_finds_one_result_in_their_language(embedded, client):
    bilingual_page()
    client.force_login(UserFactory())

    french, english = found(client, "fr", "zorbitude"), found(client, "en", "zorbitude")

    assert french["results"] == french["suggestions"] == ["Zorbitude télétravail"]
    assert english["results"] == english["suggestions"] == ["Zorbitude remote work policy"]
    assert french["count"] == english["count"] == 1
    assert french["kinds"] == english["kinds"] == {"page": 1}


@pytest.mark.django_db(transaction=True)
def test_a_set_with_one_live_version_finds_it_for_every_reader(embedded, client):
    original, translation = bilingual_page()
    client.force_login(UserFactory())

    translation.unpublish()

    assert found(client, "en", "zorbitude")["results"] == ["Zorbitude télétravail"]
    assert found(client, "fr", "zorbitude")["results"] == ["Zorbitude télétravail"]

    translation.save_revision().publish()
    assert found(client, "en", "zorbitude")["results"] == ["Zorbitude remote work policy"]


@pytest.mark.django_db(transaction=True)
def test_news_and_leadership_updates_are_found_once_per_set(embedded, client):
    sections()
    news = publish_news(title="Zorbitude au siège", language="fr")
    publish_translation(news, "en", title="Zorbitude at headquarters")
    update = publish_update(title="Zorbitude: le mot de la direction", language="fr")
    publish_translation(update, "en", title="Zorbitude: a word from leadership")
    client.force_login(UserFactory())

    french, english = found(client, "fr", "zorbitude"), found(client, "en", "zorbitude")

    assert sorted(french["results"]) == ["Zorbitude au siège", "Zorbitude: le mot de la direction"]
    assert sorted(english["results"]) == [
        "Zorbitude at headquarters",
        "Zorbitude: a word from leadership",
    ]
    assert french["kinds"] == english["kinds"] == {"leadership_update": 1, "news": 1}


@pytest.mark.django_db(transaction=True)
def test_the_engine_finds_one_result_per_set_in_the_readers_language(client):
    original, translation = bilingual_page()
    publish_standard_page(title="Zorbitude glossary", language="en", parent=home_page())
    rebuild()
    client.force_login(UserFactory())

    french, english = found(client, "fr", "zorbitude"), found(client, "en", "zorbitude")

    assert sorted(french["results"]) == ["Zorbitude glossary", "Zorbitude télétravail"]
    assert sorted(english["results"]) == ["Zorbitude glossary", "Zorbitude remote work policy"]
    assert french["count"] == english["count"] == 2
    assert french["kinds"] == english["kinds"] == {"page": 2}
    assert "Zorbitude remote work policy" not in french["suggestions"]
    assert "Zorbitude télétravail" not in english["suggestions"]

    translation.unpublish()
    rebuild()
    get_engine().refresh()
    assert "Zorbitude télétravail" in found(client, "en", "zorbitude")["results"]
