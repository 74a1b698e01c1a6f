"""Covers of news and leadership updates: responsive renditions, the default visual, the SQL
cost of a list with images."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.images import srcsets, wagtail_image
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, db):
    sections()
    user = person(username="camille")
    client.force_login(user)
    return user


def img_tags(html: str) -> list[str]:
    return re.findall(r"<img[^>]*>", html)


def test_a_news_page_shows_its_cover_as_an_eager_responsive_hero(client, reader):
    cover = wagtail_image("Les ruches du toit", description="Trois ruches sur le toit du siège")
    page = publish_news(title="Le miel du siège", cover_image=cover)

    html = client.get(page.url).content.decode()

    hero = html[html.index('class="cover cover--hero"') :]
    hero = hero[: hero.index("</picture>")]
    assert '<source type="image/avif"' in hero and '<source type="image/webp"' in hero
    widths = [[width for _url, width in srcset] for srcset in srcsets(hero)]
    assert widths == [[640, 960, 1440]] * 3  # AVIF, WebP, JPEG
    img = img_tags(hero)[0]
    assert 'width="640"' in img and 'height="320"' in img
    assert 'alt="Trois ruches sur le toit du siège"' in img
    assert 'loading="lazy"' not in img and 'fetchpriority="high"' in img
    assert 'decoding="async"' in img and "sizes=" in img
    assert ".jpg" in re.search(r'src="([^"]+)"', img).group(1)


def test_a_decorative_cover_has_an_empty_alt(client, reader):
    page = publish_news(cover_image=wagtail_image("Motif"), cover_decorative=True)

    html = client.get(page.url).content.decode()

    hero = html[html.index('class="cover cover--hero"') :]
    assert 'alt=""' in img_tags(hero)[0]


def test_without_a_cover_the_page_shows_its_kinds_illustration(client, reader):
    news = publish_news(title="Sans image")
    update = publish_update(title="Sans image non plus")

    for page, kind in ((news, "news"), (update, "leadership_update")):
        html = client.get(page.url).content.decode()
        hero = html[html.index('class="cover cover--hero"') :]
        img = img_tags(hero)[0]
        assert f"frontend/covers/{kind}.svg" in img
        assert 'alt=""' in img and 'width="640"' in img and 'height="320"' in img
        assert "<picture>" not in hero[: hero.index("</div>")]


def test_the_news_index_shows_card_renditions_lazy_but_the_first(client, reader):
    for number in range(3):
        publish_news(title=f"Actualité {number}", cover_image=wagtail_image(f"Image {number}"))
    publish_news(title="Sans image")

    html = client.get("/actualites/").content.decode()

    cards = [img for img in img_tags(html) if "picture--card" in img]
    assert len(cards) == 4
    assert "loading" not in cards[0] and all('loading="lazy"' in img for img in cards[1:])
    assert all('decoding="async"' in img and 'width="400"' in img for img in cards)
    assert all('height="225"' in img and 'alt=""' in img for img in cards)
    assert sum("covers/news.svg" in img for img in cards) == 1
    assert [[w for _u, w in s] for s in srcsets(html)][:3] == [[400, 800]] * 3


def _index_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/actualites/")
    assert response.status_code == 200
    return len(captured)


def test_the_news_index_costs_the_same_queries_with_3_or_12_covers(client, reader):
    for number in range(3):
        publish_news(title=f"Actualité {number}", cover_image=wagtail_image(f"Image {number}"))
    client.get("/actualites/")  # the renditions are made on the first view
    few = _index_queries(client)

    for number in range(3, 12):
        publish_news(title=f"Actualité {number}", cover_image=wagtail_image(f"Image {number}"))
    client.get("/actualites/")
    many = _index_queries(client)

    assert many == few


def test_leadership_updates_show_their_covers(client, reader):
    cover = wagtail_image("La directrice", description="La directrice au salon")
    update = publish_update(title="Cap sur 2027", cover_image=cover)
    publish_update(title="Sans image")

    listing = client.get(update.get_parent().url).content.decode()
    page = client.get(update.url).content.decode()

    cards = [img for img in img_tags(listing) if "picture--card" in img]
    assert len(cards) == 2 and sum("leadership_update.svg" in img for img in cards) == 1
    assert any('srcset="' in img and 'width="400"' in img for img in cards)
    hero = page[page.index('class="cover cover--hero"') :]
    assert 'alt="La directrice au salon"' in img_tags(hero)[0]


def test_editors_choose_the_cover_and_its_decorative_flag_in_the_admin(client, db):
    sections()
    page = publish_news(title="À illustrer")
    client.force_login(person(username="root", is_superuser=True, is_staff=True))

    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    assert 'name="cover_image"' in html and 'name="cover_decorative"' in html


def _checked_urls(html: str, pk: int) -> list[str]:
    return sorted(set(re.findall(rf"/covers/news/{pk}/[^ \"]+", html)))


def test_the_cover_of_news_for_an_audience_is_served_to_that_audience_only(client, reader):
    team, elsewhere = TeamFactory(name="Atelier"), TeamFactory(name="Siège")
    insider, outsider = person(team=team), person(team=elsewhere)
    page = publish_news(title="Pour l'atelier", audience=[team], cover_image=wagtail_image("Toit"))
    client.force_login(insider)

    html = client.get(page.url).content.decode()

    urls = _checked_urls(html, page.pk)
    assert len(urls) == 9  # 3 widths × 3 formats, none at the media URL
    assert page.cover_image.get_rendition("fill-640x320-c75|format-jpeg").url not in html
    response = client.get(urls[0])
    assert response.status_code == 200 and response["Cache-Control"].startswith("private")
    client.force_login(outsider)
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    # By its link, the page shows them the news' visual, not a picture that would not load.
    theirs = client.get(page.url).content.decode() + client.get("/actualites/").content.decode()
    assert "/covers/news/" not in theirs and "frontend/covers/news.svg" in theirs
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the sign-in page


def test_the_cover_of_news_for_everyone_stays_a_media_file(client, reader):
    page = publish_news(title="Pour tous", cover_image=wagtail_image("Tous"))

    html = client.get(page.url).content.decode()

    assert "/covers/news/" not in html and "/media/images/" in html
