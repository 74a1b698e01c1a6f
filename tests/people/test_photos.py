"""Profile photos: cropped square (`fill-` renditions) in the directory and on the profile,
initials without a photo, and the directory's SQL cost whatever the number of photos."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.services import set_profile_photo
from tests.images import picture_file, srcsets, wagtail_image
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def _with_photo(**fields):
    user = person(**fields)
    user.profile.photo = wagtail_image(user.get_full_name(), size=(600, 400))
    user.profile.save(update_fields=["photo"])
    return user


def _picture(html: str, css: str) -> str:
    start = html.index(css)
    start = html.rindex("<picture>", 0, start)
    return html[start : html.index("</picture>", start)]


def test_the_profile_shows_the_photo_cropped_square(client):
    owner = _with_photo(username="mei", first_name="Mei", last_name="Lin")
    client.force_login(person())

    html = client.get(reverse("people:profile", args=["mei"])).content.decode()

    picture = _picture(html, "picture--portrait")
    assert [[width for _url, width in srcset] for srcset in srcsets(picture)] == [[160, 320]] * 3
    urls = [url for srcset in srcsets(picture) for url, _width in srcset]
    assert all(".fill-160x160" in url or ".fill-320x320" in url for url in urls)
    img = re.search(r"<img[^>]*>", picture).group(0)
    assert 'width="160"' in img and 'height="160"' in img and 'alt=""' in img
    assert owner.profile.photo.get_rendition("fill-320x320-c75|format-webp").width == 320
    assert owner.profile.photo.get_rendition("fill-320x320-c75|format-webp").height == 320


def test_a_person_without_photo_shows_initials(client):
    person(username="paul", first_name="Paul", last_name="Durand")
    client.force_login(person())

    html = client.get(reverse("people:profile", args=["paul"])).content.decode()

    assert re.search(r'<span class="[^"]*avatar--initials[^"]*" aria-hidden="true">PD</span>', html)


def test_the_directory_shows_square_avatars(client):
    _with_photo(first_name="Ana", last_name="Bell")
    person(first_name="Zoé", last_name="Roy")
    client.force_login(person(first_name="Vic", last_name="Tor"))

    html = client.get(reverse("people:directory")).content.decode()

    avatars = [img for img in re.findall(r"<img[^>]*>", html) if "picture--avatar" in img]
    assert len(avatars) == 1
    assert 'width="48"' in avatars[0] and 'height="48"' in avatars[0]
    assert 'loading="lazy"' in avatars[0] and 'decoding="async"' in avatars[0]
    # The others: their initials on a colour of their own (frontend's avatar component).
    assert len(re.findall(r'<span class="avatar avatar--lg avatar--c\d"', html)) == 2


def test_an_uploaded_photo_gets_its_renditions_ahead(settings):
    settings.TASKS = {"default": {"BACKEND": "core.outbox.InlineBackend"}}
    profile = person().profile

    set_profile_photo(profile=profile, image_file=picture_file(size=(500, 500)))

    specs = set(profile.photo.renditions.values_list("filter_spec", flat=True))
    assert "fill-48x48-c75|format-avif" in specs and "fill-320x320-c75|format-jpeg" in specs


def _directory_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("people:directory")).status_code == 200
    return len(captured)


def test_the_directory_costs_the_same_queries_with_2_or_12_photos(client):
    for _number in range(2):
        _with_photo()
    client.force_login(person())
    client.get(reverse("people:directory"))
    few = _directory_queries(client)
    for _number in range(10):
        _with_photo()
    client.get(reverse("people:directory"))

    assert _directory_queries(client) == few
