"""A community's cover: responsive renditions in the directory and on its page, served by
Ruche to whoever may know the community exists, never to anyone else; the SQL ceilings hold
with covers."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.models import Visibility
from communities.services.communities import create_community
from tests.communities.factories import community, signed_in
from tests.communities.test_communities import (
    COMMUNITY_PAGE_QUERIES,
    DIRECTORY_QUERIES,
    _directory_world,
    _page_world,
)
from tests.images import picture_file, srcsets, wagtail_image
from tests.people.factories import person

pytestmark = pytest.mark.django_db

# A list with covers reads their renditions in one more query, whatever its length.
RENDITIONS_QUERY = 1


def covered(**fields):
    cover = wagtail_image(fields.get("name", "Couverture"), size=(800, 450))
    return community(cover=cover, **fields)


def test_the_directory_shows_each_cover_as_a_lazy_responsive_card(client):
    me = person()
    covered(name="Vélo au travail", members=[me])
    covered(name="Jardin partagé")
    community(name="Sans image")
    signed_in(client, me)

    html = client.get(reverse("communities:directory")).content.decode()

    cards = [img for img in re.findall(r"<img[^>]*>", html) if "picture--card" in img]
    assert len(cards) == 3
    assert sum("frontend/covers/community.svg" in img for img in cards) == 1
    assert all('width="400"' in img and 'height="225"' in img for img in cards)
    assert "loading" not in cards[0] and all('loading="lazy"' in img for img in cards[1:])
    assert [[width for _url, width in srcset] for srcset in srcsets(html)][:3] == [[400, 800]] * 3


def test_the_community_page_shows_its_cover_as_the_hero(client):
    team = community(name="Photo", cover=wagtail_image("Photo", size=(1600, 900)))
    signed_in(client, person())

    html = client.get(team.get_absolute_url()).content.decode()

    hero = html[html.index('class="cover cover--hero') :]
    hero = hero[: hero.index("</picture>")]
    assert [[width for _url, width in srcset] for srcset in srcsets(hero)] == [[640, 960, 1440]] * 3
    img = re.search(r"<img[^>]*>", hero).group(0)
    assert 'width="640"' in img and 'height="320"' in img and 'fetchpriority="high"' in img
    assert f"/communities/{team.slug}/cover/" in img


def test_an_uploaded_cover_gets_a_random_file_name_and_an_empty_alt(client):
    me = person()
    made = create_community(
        user=me,
        name="Aquarelle",
        cover=SimpleUploadedFile("aquarelle.png", picture_file().read(), "image/png"),
    )

    assert "aquarelle" not in made.cover.file.name
    assert made.cover_decorative
    signed_in(client, me)
    html = client.get(made.get_absolute_url()).content.decode()
    hero = html[html.index('class="cover cover--hero') :]
    assert 'alt=""' in re.search(r"<img[^>]*>", hero).group(0)


def _cover_urls(html: str, slug: str) -> list[str]:
    return re.findall(rf"/communities/{slug}/cover/[^ \"]+", html)


def test_a_secret_communitys_cover_is_served_to_its_members_only(client):
    member, outsider = person(), person()
    secret = covered(name="Projet Hermès", visibility=Visibility.SECRET, members=[member])
    signed_in(client, member)
    urls = _cover_urls(client.get(secret.get_absolute_url()).content.decode(), secret.slug)
    assert urls
    response = client.get(urls[0])
    assert response.status_code == 200 and response["Content-Type"].startswith("image/")
    assert "private" in response["Cache-Control"]

    signed_in(client, outsider)
    assert all(client.get(url).status_code == 404 for url in set(urls))
    directory = client.get(reverse("communities:directory")).content.decode()
    search = client.get(reverse("search"), {"q": "Hermès"}).content.decode()
    for html in (directory, search):
        assert secret.slug not in html
        assert secret.cover.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] not in html
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the sign-in page


def test_a_closed_communitys_cover_is_seen_by_all_who_see_it_exists(client):
    closed = covered(name="Comité", visibility=Visibility.CLOSED, members=[person()])
    signed_in(client, person())

    html = client.get(reverse("communities:directory")).content.decode()

    urls = _cover_urls(html, closed.slug)
    assert urls and client.get(urls[0]).status_code == 200


def test_a_rendition_of_another_image_is_not_served_under_a_community(client):
    team = covered(name="Ouverte")
    other = wagtail_image("Ailleurs", size=(400, 225))
    rendition = other.get_rendition("fill-400x225|format-jpeg")
    signed_in(client, person())

    url = reverse("communities:cover", args=[team.slug, rendition.file.name.rsplit("/", 1)[-1]])

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_the_directory_with_covers_costs_one_query_more_whatever_their_number(
    client, django_assert_num_queries, count
):
    me = person()
    _directory_world(count, me)
    for made in me.communities.model.objects.all():
        made.cover = wagtail_image(made.name, size=(400, 225))
        made.save(update_fields=["cover"])
    signed_in(client, me)
    client.get(reverse("communities:directory"))  # session, caches and renditions warm

    with django_assert_num_queries(DIRECTORY_QUERIES + RENDITIONS_QUERY):
        response = client.get(reverse("communities:directory"))

    assert response.status_code == 200
    assert response.content.decode().count("<picture>") == min(count, 24)


@pytest.mark.parametrize("count", [3, 30])
def test_the_community_page_with_a_cover_costs_one_query_more(
    client, django_assert_num_queries, count
):
    team = _page_world(count)
    team.cover = wagtail_image("Couverture", size=(800, 400))
    team.save(update_fields=["cover"])
    signed_in(client, person())
    client.get(team.get_absolute_url())

    with django_assert_num_queries(COMMUNITY_PAGE_QUERIES + RENDITIONS_QUERY):
        response = client.get(team.get_absolute_url())

    assert response.status_code == 200
