"""An event's cover: uploaded with the event form (a real image, 5 MB at most, said plainly
otherwise), shown as the hero of its page and on the cards of the lists, the events' picture
when none; as private as its host: an event of a secret community has its cover served to
the community's members only, 404 to anyone else."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PillowImage

from agenda.forms import EventForm
from agenda.models import Event
from communities.models import Visibility
from core import forms as core_forms
from tests.communities.factories import community, event
from tests.images import picture_file, srcsets, wagtail_image
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

FORM = {
    "title": "Atelier vélo",
    "mode": "in_person",
    "starts_at": "2099-06-01T10:00",
    "ends_at": "2099-06-01T12:00",
    "place": "Lyon",
}


def upload(name: str = "velo.png", content: bytes | None = None, kind: str = "image/png"):
    data = content if content is not None else picture_file().read()
    return SimpleUploadedFile(name, data, kind)


def _imgs(html: str, css: str) -> list[str]:
    return [img for img in re.findall(r"<img[^>]*>", html) if css in img]


def _checked_urls(html: str, pk: int) -> list[str]:
    return sorted(set(re.findall(rf"/covers/event/{pk}/[^ \"]+", html)))


@pytest.fixture
def animated(client):
    animator = person()
    group = community(animators=[animator], slug="velo")
    client.force_login(animator)
    return group


def test_an_uploaded_cover_is_the_events_hero_under_a_random_name(client, animated):
    response = client.post("/communities/velo/events/new/", {**FORM, "cover": upload()})

    planned = animated.events.get()
    assert response.status_code == 302
    assert planned.cover_image is not None and planned.cover_decorative
    assert "velo" not in planned.cover_image.file.name
    html = client.get(planned.get_absolute_url()).content.decode()
    hero = html[html.index('class="cover cover--hero"') :]
    hero = hero[: hero.index("</picture>")]
    img = re.search(r"<img[^>]*>", hero).group(0)
    assert 'width="640"' in img and 'height="320"' in img and 'fetchpriority="high"' in img
    assert 'alt=""' in img  # the title is written under it
    assert [[width for _url, width in srcset] for srcset in srcsets(hero)] == [[640, 960, 1440]] * 3


def _gif() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 40), "teal").save(buffer, "GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: upload("notes.png", b"<html>not an image</html>"), "invalid_image"),
        (lambda: upload("anim.gif", _gif(), "image/gif"), "format"),
        (lambda: upload("big.png"), "too_large"),  # over the limit, lowered below
    ],
)
def test_an_upload_that_is_no_cover_is_refused_with_what_to_do(monkeypatch, make, code):
    monkeypatch.setattr(core_forms, "COVER_MAX_BYTES", 1000 if code == "too_large" else 10**7)

    form = EventForm(FORM, {"cover": make()})

    assert not form.is_valid()
    assert [error.code for error in form.errors.as_data()["cover"]] == [code]
    message = form.errors["cover"][0]
    assert {
        "invalid_image": "not an image: choose a JPEG, PNG or WebP file",
        "format": "must be a JPEG, PNG or WebP image",
        "too_large": "larger than 5 MB",
    }[code] in message


def test_the_form_shows_the_refusal_beside_the_field_and_plans_nothing(client, animated):
    response = client.post(
        "/communities/velo/events/new/", {**FORM, "cover": upload("notes.png", b"<html>")}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'id="id_cover-error"' in html and 'aria-describedby="id_cover-help id_cover-error"' in html
    )
    assert 'enctype="multipart/form-data"' in html
    assert not Event.objects.exists()


def test_the_organiser_replaces_or_removes_the_cover(client, animated):
    client.post("/communities/velo/events/new/", {**FORM, "cover": upload()})
    planned = animated.events.get()
    first = planned.cover_image_id
    edit = f"/events/{planned.pk}/edit/"
    assert 'name="remove_cover"' in client.get(edit).content.decode()

    client.post(edit, {**FORM, "cover": upload("autre.png")})
    planned.refresh_from_db()
    assert planned.cover_image_id not in (None, first)

    client.post(edit, {**FORM, "remove_cover": "on"})
    planned.refresh_from_db()
    assert planned.cover_image_id is None
    html = client.get(planned.get_absolute_url()).content.decode()
    hero = html[html.index('class="cover cover--hero"') :]
    assert "frontend/covers/event.svg" in re.search(r"<img[^>]*>", hero).group(0)


def test_the_events_list_and_the_hosts_page_show_cards_with_covers_or_the_picture(client):
    reader = person()
    group = community(name="Vélo", members=[reader])
    event(group, title="Avec image", cover_image=wagtail_image("Vélos", size=(800, 450)))
    event(group, in_days=8, title="Sans image")
    client.force_login(reader)

    for url in ("/events/", group.get_absolute_url()):
        cards = _imgs(client.get(url).content.decode(), "picture--card")
        assert len(cards) >= 2, url
        assert sum("frontend/covers/event.svg" in img for img in cards) == 1
        assert all('width="400"' in img and 'height="225"' in img for img in cards)


def test_the_events_list_costs_the_same_queries_with_2_or_8_covers(client):
    reader = person()
    group = community(members=[reader])
    client.force_login(reader)
    image = wagtail_image("Atelier", size=(800, 450))
    for number in range(2):
        event(group, in_days=1 + number, cover_image=image)
    client.get("/events/")
    with CaptureQueriesContext(connection) as few:
        client.get("/events/")
    for number in range(2, 8):
        event(group, in_days=1 + number, cover_image=image)
    with CaptureQueriesContext(connection) as many:
        client.get("/events/")

    assert len(many) == len(few)


def test_a_secret_communitys_event_cover_is_served_to_its_members_only(client):
    member, outsider = person(), person()
    secret = community(name="Projet Hermès", visibility=Visibility.SECRET, members=[member])
    hidden = event(secret, title="Lancement", cover_image=wagtail_image("Hermès"))
    client.force_login(member)

    html = client.get(hidden.get_absolute_url()).content.decode()
    html += client.get("/events/").content.decode()

    urls = _checked_urls(html, hidden.pk)
    assert urls and hidden.cover_image.get_rendition("fill-640x320-c75|format-jpeg").url not in html
    response = client.get(urls[0])
    assert response.status_code == 200 and response["Content-Type"].startswith("image/")
    assert response["Cache-Control"].startswith("private")
    client.force_login(outsider)
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)


def test_an_event_for_everyone_keeps_its_cover_at_the_media_url(client):
    client.force_login(person())
    open_to_all = event(None, title="Pot de fin d'année", cover_image=wagtail_image("Pot"))

    html = client.get(open_to_all.get_absolute_url()).content.decode()

    assert "/covers/event/" not in html and "/media/images/" in html
