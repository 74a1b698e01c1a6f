"""The search page's thumbnails: a result's real cover (a small lazy rendition with its box
reserved), its kind's visual without one, a person's avatar; read in the same number of
queries whatever the number of results; a private cover's URL checked."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.communities.factories import community, event
from tests.images import wagtail_image
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db


def _thumbs(html: str) -> list[str]:
    return [img for img in re.findall(r"<img[^>]*>", html) if "picture--thumb" in img]


def test_a_result_shows_its_cover_its_kinds_visual_or_a_persons_avatar(client, reindex):
    sections()
    publish_news(title="Cantine rénovée", cover_image=wagtail_image("Cantine", size=(400, 400)))
    publish_news(title="Cantine fermée lundi")
    person(first_name="Cantine", last_name="Lefèvre", username="clefevre")
    reindex()
    client.force_login(person())

    html = client.get("/search/", {"q": "cantine"}).content.decode()

    thumbs = _thumbs(html)
    real = [img for img in thumbs if "picture--default" not in img]
    assert len(real) == 1 and len(thumbs) == 2
    assert 'width="64"' in real[0] and 'height="64"' in real[0] and 'loading="lazy"' in real[0]
    assert "/media/images/" in real[0]  # news for everyone: a plain media file
    assert any("frontend/covers/news.svg" in img for img in thumbs)
    assert '<span class="result__thumb result__thumb--person">' in html
    assert ">CL</span>" in html  # the person's initials, one rule


def test_the_results_cost_the_same_queries_with_2_or_8_covered_results(client, reindex):
    sections()
    image = wagtail_image("Vélo", size=(400, 400))
    group = community(name="Vélo au travail", cover=image)
    for number in range(2):
        publish_news(title=f"Vélo {number}", cover_image=image)
        event(group, in_days=1 + number, title=f"Vélo atelier {number}", cover_image=image)
    reindex()
    client.force_login(person())
    client.get("/search/", {"q": "vélo"})
    with CaptureQueriesContext(connection) as few:
        html = client.get("/search/", {"q": "vélo"}).content.decode()
    for number in range(2, 8):
        publish_news(title=f"Vélo {number}", cover_image=image)
        event(group, in_days=1 + number, title=f"Vélo atelier {number}", cover_image=image)
    reindex()
    client.get("/search/", {"q": "vélo"})  # publishing clears the header's cached menu
    with CaptureQueriesContext(connection) as many:
        more = client.get("/search/", {"q": "vélo"}).content.decode()

    assert len([img for img in _thumbs(more) if "picture--default" not in img]) > len(
        [img for img in _thumbs(html) if "picture--default" not in img]
    )
    assert len(many) == len(few), [query["sql"][:100] for query in many.captured_queries]


def test_a_private_covers_thumbnail_is_a_checked_url_its_outsiders_cannot_fetch(client, reindex):
    """News for an audience is findable by all (the audience targets, it does not hide); its
    cover is for the audience: others get the news' visual and 404 at the cover's URL."""
    sections()
    team = TeamFactory(name="Atelier")
    insider, outsider = person(team=team), person(team=TeamFactory(name="Siège"))
    page = publish_news(title="Prime d'équipe", audience=[team], cover_image=wagtail_image("Prime"))
    reindex()
    client.force_login(insider)

    html = client.get("/search/", {"q": "prime"}).content.decode()

    urls = sorted(set(re.findall(rf"/covers/news/{page.pk}/[^ \"]+", html)))
    assert urls and client.get(urls[0]).status_code == 200
    client.force_login(outsider)
    theirs = client.get("/search/", {"q": "prime"}).content.decode()
    assert "/covers/news/" not in theirs and "/media/images/" not in theirs
    assert any("frontend/covers/news.svg" in img for img in _thumbs(theirs))
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
