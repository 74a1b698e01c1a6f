"""Images named by import lines: the optional `image` of news, leadership updates,
challenges and communities, and `photo` of people (DESIGN.md §2, extended).

`image` is the path of a JPEG, PNG, WebP or GIF file, relative to the import file (or
absolute); `image_alt` its alternative text (stored as the image's description) and
`image_decorative` (true or false) says that it adds nothing to the title. Files are read
from disk only, never downloaded. The same file imported twice (its content, whatever its
name) is one image in the library. A line without `image` leaves the object's image as it is.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from .registry import ImportRowError


@dataclass(frozen=True)
class ImportedImage:
    image: Any
    decorative: bool


def _file(row: dict[str, Any], field: str, base_dir: Path | None) -> Path:
    value = row.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ImportRowError(f"field '{field}' must be the path of an image file")
    path = Path(value.strip())
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    extension = path.suffix.lower().lstrip(".")
    if extension not in settings.WAGTAILIMAGES_EXTENSIONS:
        allowed = ", ".join(settings.WAGTAILIMAGES_EXTENSIONS)
        raise ImportRowError(f"field '{field}': an image must be one of {allowed}")
    if not path.is_file():
        raise ImportRowError(f"field '{field}': no file at {path}")
    if path.stat().st_size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
        raise ImportRowError(f"field '{field}': {path.name} is too large")
    return path


def _check_content(path: Path, field: str) -> None:
    try:
        with PillowImage.open(path) as opened:
            width, height = opened.size
            opened.verify()
    except (OSError, SyntaxError, PillowImage.DecompressionBombError) as error:
        raise ImportRowError(f"field '{field}': {path.name} is not a readable image") from error
    if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise ImportRowError(f"field '{field}': {path.name} has too many pixels")


def image_from_row(
    row: dict[str, Any],
    title: str,
    base_dir: Path | None,
    *,
    field: str = "image",
    current: Any = None,
    private: bool = False,
) -> ImportedImage | None:
    """The Wagtail image a line names (made, or found by its content), or None without one.

    `current`: the object's image now, kept if it is the same file. `private`: the image is as
    private as its object (a community's cover): never shared with another object, and stored
    under a random name, so that its path cannot be guessed.
    """
    if row.get(field) in (None, ""):
        return None
    path = _file(row, field, base_dir)
    _check_content(path, field)
    content = path.read_bytes()
    digest = hashlib.sha1(content, usedforsecurity=False).hexdigest()
    alt = row.get(f"{field}_alt", "")
    decorative = row.get(f"{field}_decorative", False)
    if not isinstance(alt, str) or not isinstance(decorative, bool):
        raise ImportRowError(f"'{field}_alt' must be text and '{field}_decorative' true or false")
    model = get_image_model()
    if current is not None and current.file_hash == digest:
        image = current
    elif private:
        image = None
    else:
        image = model.objects.filter(file_hash=digest).first()
    if image is None:
        image = model(title=title[:255], description=alt.strip()[:255])
        name = f"image-{secrets.token_urlsafe(16)}{path.suffix.lower()}" if private else path.name
        with path.open("rb") as handle:
            image.file = ImageFile(handle, name=name)
            image._set_image_file_metadata()
            image.save()
    elif alt.strip() and image.description != alt.strip()[:255]:
        image.description = alt.strip()[:255]
        image.save(update_fields=["description"])
    return ImportedImage(image, decorative)


def set_cover(
    target: Any,
    imported: ImportedImage | None,
    *,
    field: str = "cover_image",
    flag: str = "cover_decorative",
) -> None:
    """Give `target` the imported image (nothing changes without one)."""
    if imported is None:
        return
    setattr(target, field, imported.image)
    if flag:
        setattr(target, flag, imported.decorative)
