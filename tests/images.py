"""Wagtail images made on the spot for the tests (Pillow, no file on disk beforehand)."""

from __future__ import annotations

import io
import re

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

SRCSET = re.compile(r'srcset="([^"]+)"')


def picture_file(name: str = "photo.png", size=(1600, 900), color="orange") -> ImageFile:
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, color).save(buffer, "PNG")
    buffer.seek(0)
    return ImageFile(buffer, name=name)


def wagtail_image(title: str = "Une image", *, description: str = "", size=(1600, 900), **kw):
    """A saved Wagtail image of that size (plain colour), titled and described."""
    if Collection.get_first_root_node() is None:  # flushed by a transactional test
        Collection.add_root(name="Root")
    image = get_image_model()(title=title, description=description, **kw)
    stem = re.sub(r"\W+", "-", title).strip("-") or "image"
    image.file = picture_file(f"{stem}.png", size)
    image.save()
    return image


def srcsets(html: str) -> list[list[tuple[str, int]]]:
    """Every srcset of the HTML, as lists of (url, width)."""
    found = []
    for value in SRCSET.findall(html):
        pairs = [item.strip().rsplit(" ", 1) for item in value.split(",")]
        found.append([(url, int(width.rstrip("w"))) for url, width in pairs])
    return found
