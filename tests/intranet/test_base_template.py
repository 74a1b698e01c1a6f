"""The base template's header lives beside every page's own context and never overwrites it.

What the header computes (the menu sections, the language switcher's languages, the unread
count) is named in its own namespace, and the header search box shows only the search page's
query: a page's own variables never leak into it.
"""

import pytest
from django.template import engines
from django.test import RequestFactory

from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db

# Names a page's view could well use for its own content.
PAGE_NAMES = ("languages", "sections", "unread", "LANGUAGES", "LANGUAGE_CODE", "query")


def render_page_with(context: dict, *, path: str = "/anything/") -> str:
    request = RequestFactory().get(path)
    request.user = UserFactory()
    template = engines["django"].from_string(
        '{% extends "frontend/base.html" %}{% block content %}'
        + "".join(f"<p id='{name}'>{{{{ {name} }}}}</p>" for name in PAGE_NAMES)
        + "{% endblock %}"
    )
    return template.render(context, request)  # as `render(request, …)` does


def test_a_page_keeps_its_own_variables_whatever_names_the_header_uses():
    html = render_page_with({name: f"mine-{name}" for name in PAGE_NAMES})

    for name in PAGE_NAMES:
        assert f"<p id='{name}'>mine-{name}</p>" in html


def test_the_header_still_offers_its_languages_and_sections_beside_a_page_that_has_its_own():
    html = render_page_with({"languages": ["breton"], "sections": ["mine"]})

    assert '<option value="fr" lang="fr"' in html and '<option value="en" lang="en"' in html
    assert "breton" not in html.split("<main")[0]


def header_search_value(html: str) -> str:
    box = html.split('id="site-search"', 1)[1].split(">", 1)[0]
    return box.split('value="', 1)[1].split('"', 1)[0]


def test_the_header_search_box_shows_the_query_on_the_search_page(client):
    client.force_login(UserFactory())

    html = client.get("/search/", {"q": "télétravail <b>"}).content.decode()

    assert header_search_value(html) == "télétravail &lt;b&gt;"


def test_the_header_search_box_never_shows_another_pages_parameters(client):
    client.force_login(UserFactory())

    for path in ("/people/?knows=python", "/people/?q=secret&team=1", "/notifications/?q=x"):
        html = client.get(path).content.decode()
        assert header_search_value(html) == "", path
