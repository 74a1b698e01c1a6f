"""Challenges' covers: responsive cards on the hub, the hero of the challenge page, the
default visual when none, and the hub's SQL cost whatever the number of covers."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.ideas.factories import challenge, hub
from tests.images import srcsets, wagtail_image
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, db):
    user = person(username="lectrice")
    client.force_login(user)
    return user


def _imgs(html: str, css: str) -> list[str]:
    return [img for img in re.findall(r"<img[^>]*>", html) if css in img]


def test_the_hub_shows_challenge_covers_and_the_default_visual(client, reader, owner):
    challenge(owner=owner, title="Moins de papier", cover_image=wagtail_image("Papier"))
    challenge(owner=owner, title="Sans image")

    html = client.get(hub().url).content.decode()

    cards = _imgs(html, "picture--card")
    assert len(cards) == 2
    assert sum("frontend/covers/challenge.svg" in img for img in cards) == 1
    assert all('width="400"' in img and 'height="225"' in img for img in cards)
    assert 'loading="lazy"' in cards[1] and "loading" not in cards[0]
    assert [[width for _url, width in srcset] for srcset in srcsets(html)] == [[400, 800]] * 3


def test_the_challenge_page_shows_its_cover_as_the_hero(client, reader, owner):
    cover = wagtail_image("Atelier", description="Un atelier de réparation de vélos")
    page = challenge(owner=owner, cover_image=cover)

    html = client.get(page.url).content.decode()

    hero = html[html.index('class="cover cover--hero"') :]
    hero = hero[: hero.index("</picture>")]
    img = re.search(r"<img[^>]*>", hero).group(0)
    assert 'alt="Un atelier de réparation de vélos"' in img
    assert 'width="640"' in img and 'height="320"' in img and "loading" not in img
    assert len(srcsets(hero)) == 3


def test_a_challenge_without_cover_shows_the_challenge_illustration(client, reader, owner):
    html = client.get(challenge(owner=owner).url).content.decode()

    hero = html[html.index('class="cover cover--hero"') :]
    img = re.search(r"<img[^>]*>", hero).group(0)
    assert "frontend/covers/challenge.svg" in img and 'alt=""' in img


def _hub_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(hub().url).status_code == 200
    return len(captured)


def test_the_hub_costs_the_same_queries_with_2_or_8_covers(client, reader, owner):
    for number in range(2):
        challenge(owner=owner, title=f"Défi {number}", cover_image=wagtail_image(size=(400, 225)))
    client.get(hub().url)
    few = _hub_queries(client)
    for number in range(2, 8):
        challenge(owner=owner, title=f"Défi {number}", cover_image=wagtail_image(size=(400, 225)))
    client.get(hub().url)

    assert _hub_queries(client) == few


def _checked_urls(html: str, kind: str, pk: int) -> list[str]:
    return sorted(set(re.findall(rf"/covers/{kind}/{pk}/[^ \"]+", html)))


def test_a_restricted_challenges_cover_is_served_to_its_audience_only(client, owner):
    team = TeamFactory(name="Logistique")
    insider, outsider = person(team=team), person(team=TeamFactory(name="Finance"))
    page = challenge(owner=owner, audience=[team], cover_image=wagtail_image("Entrepôt"))
    client.force_login(insider)

    html = client.get(page.url).content.decode() + client.get(hub().url).content.decode()

    urls = _checked_urls(html, "challenge", page.pk)
    assert urls and "/media/images/" not in html  # no plain media URL for it
    response = client.get(urls[0])
    assert response.status_code == 200 and response["Content-Type"].startswith("image/")
    assert response["Cache-Control"].startswith("private")
    client.force_login(outsider)
    assert all(client.get(url).status_code == 404 for url in urls)


def test_a_challenge_for_everyone_keeps_its_media_urls(client, reader, owner):
    page = challenge(owner=owner, cover_image=wagtail_image("Pour tous"))

    html = client.get(page.url).content.decode()

    assert "/covers/challenge/" not in html and "/media/images/" in html
    assert client.get(f"/covers/challenge/{page.pk}/nothing.jpg").status_code == 404
