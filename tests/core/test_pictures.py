"""The picture tags' pieces on their own, and the search page's small visual of each kind."""

import pytest
from django.template import Context, Template

from tests.news.factories import publish_news, sections
from tests.people.factories import person


def render(source: str, **context) -> str:
    return Template("{% load pictures %}" + source).render(Context(context))


def test_a_kind_thumbnail_is_its_illustration_or_nothing():
    person_thumb = render("{% kind_thumbnail 'person' %}")

    assert "frontend/covers/person.svg" in person_thumb
    assert 'width="64"' in person_thumb and 'height="64"' in person_thumb
    assert 'alt=""' in person_thumb and 'loading="lazy"' in person_thumb
    assert render("{% kind_thumbnail 'page' %}") == ""


def test_an_unknown_kind_falls_back_to_a_known_illustration():
    html = render("{% cover None 'card' kind='quiz' %}")

    assert "frontend/covers/news.svg" in html and 'alt=""' in html


@pytest.mark.django_db
def test_search_results_show_their_kinds_visual(client, reindex):
    sections()
    publish_news(title="Cantine rénovée")
    reindex()
    client.force_login(person())

    html = client.get("/search/", {"q": "cantine"}).content.decode()

    assert "Cantine rénovée" in html
    assert 'class="picture picture--thumb result__thumb picture--default"' in html
    assert "frontend/covers/news.svg" in html
