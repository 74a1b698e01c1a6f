"""What people type and write reaches them intact: escaped once, and never a server error.

Snippets and highlights are HTML in which `<mark>` is the only markup and the user's text is
escaped exactly once (an apostrophe reads `&#x27;`, never `&amp;#x27;`); any query, quotes
and operators included, gives results or an empty list on both backends.
"""

import re

import pytest

from search.indexing import rebuild
from tests.ideas.factories import challenge, idea
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory

BACKENDS = ["opensearch2", "database"]
ODD_QUERIES = [
    'zeppelin "plan',
    '"zeppelin',
    'zeppelin"',
    '"',
    '""',
    '" "',
    "'",
    "zeppelin'",
    "d'entreprise",
    "(zeppelin",
    "zeppelin)",
    "zeppelin AND",
    "OR",
    "NOT zeppelin",
    "-zeppelin",
    "zeppelin -",
    "zep*",
    "*",
    "?",
    ":",
    "title:zeppelin",
    "^2",
    "zeppelin~",
    "\\",
    "zeppelin \\",
    "&",
    "|",
    "!",
    "<script>",
    "{",
    "[zeppelin]",
    '"zeppelin plan"',
    'NEAR("a" "b")',
    "zeppelin' OR '1'='1",
]


@pytest.fixture(params=BACKENDS)
def backend(request, settings, db):
    settings.SEARCH_BACKEND = request.param
    return request.param


@pytest.fixture
def apostrophes(backend):
    """A challenge, an idea and a page whose titles and texts hold apostrophes and entities."""
    page = challenge(
        title="L'atelier d'été zeppelin",
        description="<p>Le plan d&#x27;entreprise &amp; la R&amp;D du zeppelin</p>",
    )
    idea(page, title="L'idée d'Anne", description="<p>C&#x27;est l&#x27;idée zeppelin</p>")
    publish_standard_page(
        title="Zeppelin : l'histoire",
        body_html="<p>L&#x27;histoire d&#x27;un zeppelin &lt;b&gt;gras&lt;/b&gt;</p>",
        parent=home_page(),
    )
    rebuild()
    if backend != "database":
        from search.engine import get_engine

        get_engine().refresh()


def only_mark_markup(html):
    return set(re.findall(r"</?[^>]*>", html)) <= {"<mark>", "</mark>"}


def test_api_snippets_escape_the_text_exactly_once(apostrophes, client):
    client.force_login(UserFactory())

    results = client.get("/api/search/", {"q": "zeppelin"}).json()["results"]

    snippets = {hit["title"]: hit["snippet"] for hit in results}
    assert set(snippets) == {"L'atelier d'été zeppelin", "L'idée d'Anne", "Zeppelin : l'histoire"}
    for snippet in snippets.values():
        assert "&amp;#x27;" not in snippet and "&amp;amp;" not in snippet
        assert "<mark>" in snippet and only_mark_markup(snippet)
    assert "d&#x27;entreprise &amp; la R&amp;D" in snippets["L'atelier d'été zeppelin"]
    assert "C&#x27;est l&#x27;idée" in snippets["L'idée d'Anne"]
    # Text that looks like markup is shown as text, escaped once.
    assert "&lt;b&gt;gras&lt;/b&gt;" in snippets["Zeppelin : l'histoire"]


def test_suggestions_give_titles_as_plain_text(apostrophes, client):
    client.force_login(UserFactory())

    titles = [hit["title"] for hit in client.get("/api/search/suggest/", {"q": "zeppelin"}).json()]

    assert "L'atelier d'été zeppelin" in titles


def test_the_search_page_escapes_titles_and_snippets_exactly_once(apostrophes, client):
    client.force_login(UserFactory())

    html = client.get("/search/", {"q": "zeppelin"}).content.decode()

    assert "L&#x27;atelier d&#x27;été zeppelin" in html
    assert "d&#x27;entreprise &amp; la R&amp;D" in html
    assert "&amp;#x27;" not in html and "&amp;amp;" not in html
    assert "<b>gras" not in html


@pytest.fixture
def zeppelin(backend):
    publish_standard_page(title="Zeppelin plan", body_html="<p>Le plan du zeppelin</p>")
    rebuild()
    if backend != "database":
        from search.engine import get_engine

        get_engine().refresh()


@pytest.mark.parametrize("text", ODD_QUERIES)
def test_any_query_gives_results_or_an_empty_list(zeppelin, client, text):
    client.force_login(UserFactory())

    found = client.get("/api/search/", {"q": text})
    suggested = client.get("/api/search/suggest/", {"q": text})
    page = client.get("/search/", {"q": text})

    assert found.status_code == 200, found.content
    assert isinstance(found.json()["results"], list)
    assert suggested.status_code == 200, suggested.content
    assert isinstance(suggested.json(), list)
    assert page.status_code == 200


def test_an_unbalanced_quote_still_finds_the_words(zeppelin, client):
    client.force_login(UserFactory())

    results = client.get("/api/search/", {"q": 'zeppelin "plan'}).json()["results"]

    assert [hit["title"] for hit in results] == ["Zeppelin plan"]


def test_only_genuinely_invalid_parameters_give_400(zeppelin, client):
    client.force_login(UserFactory())

    for params in (
        {"q": ""},
        {"q": "   "},
        {"q": "a", "page": "0"},
        {"q": "a", "page_size": "101"},
    ):
        answer = client.get("/api/search/", params)
        assert answer.status_code == 400 and "error" in answer.json(), params
