"""Uploads: profile photos, Wagtail images and documents are checked by content and size, and a
refused file gets a clear form error and is not stored."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.people.factories import person

pytestmark = pytest.mark.django_db


def image_bytes(fmt: str = "PNG", size=(40, 40), mode: str = "RGB", noise: bool = False) -> bytes:
    if noise:
        picture = Image.frombytes(mode, size, os.urandom(size[0] * size[1] * len(mode)))
    else:
        picture = Image.new(mode, size)
    buffer = io.BytesIO()
    picture.save(buffer, fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def me(client):
    profile = person(username="photogenic").profile
    client.force_login(profile.user)
    return profile


def send_photo(client, profile, photo):
    return client.post(
        f"/people/{profile.user.username}/edit/",
        {"job_title": "Comptable", "photo": photo},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_real_png_photo_is_stored_on_the_profile(client, me):
    response = send_photo(client, me, upload("me.png", image_bytes(), "image/png"))

    assert response.status_code == 302
    me.refresh_from_db()
    assert me.photo is not None and me.job_title == "Comptable"


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("me.png", b"<script>alert(1)</script>", "Upload a valid image"),
        ("me.jpg", b"%PDF-1.4 not a picture", "Upload a valid image"),
        ("me.gif", image_bytes("GIF"), "must be a JPEG or PNG"),
        ("me.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "Upload a valid image"),
    ],
)
def test_a_photo_that_is_not_a_jpeg_or_png_is_refused_with_a_form_error(
    client, me, name, content, error
):
    response = send_photo(client, me, upload(name, content))

    assert response.status_code == 200
    assert error in response.content.decode()
    me.refresh_from_db()
    assert me.photo is None and me.job_title == ""
    assert get_image_model().objects.count() == 0


def test_a_photo_over_5_mb_is_refused(client, me):
    big = image_bytes(size=(1400, 1400), noise=True)
    assert len(big) > 5 * 1024 * 1024

    response = send_photo(client, me, upload("big.png", big, "image/png"))

    assert "larger than 5 MB" in response.content.decode()
    assert get_image_model().objects.count() == 0


def test_a_small_file_that_unpacks_to_a_huge_image_is_refused(client, me):
    bomb = image_bytes(size=(8000, 8000), mode="1")
    assert len(bomb) < 100_000

    response = send_photo(client, me, upload("bomb.png", bomb, "image/png"))

    assert "too many pixels" in response.content.decode()
    assert get_image_model().objects.count() == 0


def add_image(client, name: str, content: bytes):
    return client.post(
        "/admin/images/add/",
        {"title": name, "file": upload(name, content)},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_wagtail_images_are_opened_and_svg_is_not_accepted(admin_client):
    assert add_image(admin_client, "ok.jpg", image_bytes("JPEG")).status_code == 302
    fake = add_image(admin_client, "fake.png", b"<html><script>alert(1)</script></html>")
    svg = add_image(admin_client, "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')

    assert fake.status_code == 200 and "Not a valid" in fake.content.decode()
    assert svg.status_code == 200 and "Not a supported image format" in svg.content.decode()
    assert list(get_image_model().objects.values_list("title", flat=True)) == ["ok.jpg"]


def test_wagtail_images_over_the_size_limit_are_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000

    response = add_image(admin_client, "big.png", image_bytes(size=(200, 200), noise=True))

    assert "This file is too big" in response.content.decode()
    assert get_image_model().objects.count() == 0


def add_document(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": upload(name, content)},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_documents_are_checked_by_content_not_only_by_name(admin_client):
    accepted = [
        add_document(admin_client, "guide.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").status_code,
        add_document(admin_client, "notes.txt", "Réunion à 10 h".encode()).status_code,
        add_document(admin_client, "data.csv", b"name,team\nCamille,IT\n").status_code,
    ]
    refused = {
        "page.pdf": add_document(admin_client, "page.pdf", b"<html><script>x</script></html>"),
        "tool.docx": add_document(admin_client, "tool.docx", b"MZ\x90\x00 program"),
        "page.txt": add_document(admin_client, "page.txt", b"<!DOCTYPE html><script>x</script>"),
        "run.exe": add_document(admin_client, "run.exe", b"MZ\x90\x00 program"),
    }

    assert accepted == [302, 302, 302]
    for name, response in refused.items():
        assert response.status_code == 200, name
    assert "not a real .pdf file" in refused["page.pdf"].content.decode()
    assert "not a real .docx file" in refused["tool.docx"].content.decode()
    assert "must be plain text" in refused["page.txt"].content.decode()
    assert "File extension" in refused["run.exe"].content.decode()
    titles = set(get_document_model().objects.values_list("title", flat=True))
    assert titles == {"guide.pdf", "notes.txt", "data.csv"}


def test_documents_over_the_size_limit_are_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000

    response = add_document(admin_client, "big.pdf", b"%PDF-1.7\n" + b"0" * 2000)

    assert "This file is too big" in response.content.decode()
    assert get_document_model().objects.count() == 0
