"""The demo's pictures, drawn with Pillow when the demo is loaded (no file shipped, nothing
downloaded): abstract honeycomb covers for most news, updates, challenges and communities,
and portraits for a few people. Some objects keep none, so that the demo shows the default
visual of each kind too. Idempotent: an object that already has an image keeps it."""

from __future__ import annotations

import io
import math
import random
import secrets

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter
from wagtail.images import get_image_model

from communities.models import Community
from core.images import prepare_renditions
from core.models import ExternalKey
from ideas.models import ChallengePage
from intranet.demo.newsroom import cover_keys
from news.models import LeadershipUpdatePage, NewsPage
from people.models import Profile

# kind, model, keys given a cover (the others show the default visual)
COVERS = [
    (
        "news",
        NewsPage,
        ["demo-n-nouvel-intranet", "demo-n-charte-securite", "demo-n-brand-launch", *cover_keys()],
    ),
    ("leadership_update", LeadershipUpdatePage, ["demo-lu-priorites-2027", "demo-lu-resultats"]),
    ("challenge", ChallengePage, ["demo-c-onboarding"]),
    ("community", Community, ["demo-g-velo", "demo-g-data", "demo-g-codir"]),
]
PORTRAITS = ["demo-p-sophie", "demo-p-thomas", "demo-p-anais", "demo-p-karim", "demo-p-julie"]
PALETTES = [
    ((252, 211, 77), (180, 83, 9)),
    ((147, 197, 253), (30, 64, 175)),
    ((134, 239, 172), (21, 128, 61)),
    ((216, 180, 254), (107, 33, 168)),
    ((253, 164, 175), (190, 18, 60)),
]


def _hexagon(cx: float, cy: float, radius: float) -> list[tuple[float, float]]:
    return [
        (
            cx + radius * math.cos(math.radians(60 * i + 30)),
            cy + radius * math.sin(math.radians(60 * i + 30)),
        )
        for i in range(6)
    ]


def _png(image: Image.Image) -> io.BytesIO:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")  # optimize=True would double the drawing time for 10 % smaller
    buffer.seek(0)
    return buffer


def cover_picture(seed: str, size: tuple[int, int] = (1600, 900)) -> io.BytesIO:
    """A honeycomb of one palette, lit from a random corner: the same seed, the same picture."""
    chance = random.Random(seed)  # noqa: S311 - a drawing, not a secret
    light, dark = chance.choice(PALETTES)
    width, height = size
    picture = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(picture)
    corner = (chance.uniform(0, width), chance.uniform(0, height))
    radius = chance.choice([60, 80, 100])
    step_x, step_y = radius * math.sqrt(3), radius * 1.5
    for row in range(int(height / step_y) + 2):
        for column in range(int(width / step_x) + 2):
            cx = column * step_x + (step_x / 2 if row % 2 else 0)
            cy = row * step_y
            distance = math.dist((cx, cy), corner) / math.hypot(width, height)
            mix = min(1.0, distance * 1.4 + chance.uniform(-0.08, 0.08))
            colour = tuple(int(a + (b - a) * mix) for a, b in zip(light, dark, strict=True))
            draw.polygon(_hexagon(cx, cy, radius * 0.94), fill=colour)
    return _png(picture.filter(ImageFilter.GaussianBlur(1)))


def portrait_picture(seed: str, size: int = 640) -> io.BytesIO:
    """An abstract square portrait: a head and shoulders on a coloured ground."""
    chance = random.Random(seed)  # noqa: S311 - a drawing, not a secret
    light, dark = chance.choice(PALETTES)
    picture = Image.new("RGB", (size, size), light)
    draw = ImageDraw.Draw(picture)
    skin = chance.choice([(241, 194, 125), (224, 172, 105), (198, 134, 66), (141, 85, 36)])
    draw.ellipse((size * 0.18, size * 0.62, size * 0.82, size * 1.3), fill=dark)
    draw.ellipse((size * 0.33, size * 0.2, size * 0.67, size * 0.6), fill=skin)
    return _png(picture)


def _imported(model, kind: str, key: str):
    object_id = (
        ExternalKey.objects.filter(kind=kind, key=key).values_list("object_id", flat=True).first()
    )
    return model.objects.filter(pk=object_id).first() if object_id else None


def _image(title: str, name: str, content: io.BytesIO):
    image = get_image_model()(title=title)
    image.file = ImageFile(content, name=name)
    image.save()
    return image


def add_demo_images() -> list[str]:
    """Draw the missing covers and portraits; returns lines saying what was added."""
    done: list[str] = []
    for kind, model, keys in COVERS:
        for key in keys:
            target = _imported(model, kind, key)
            if target is None:
                continue
            field = "cover" if model is Community else "cover_image"
            if getattr(target, f"{field}_id") is not None:
                continue
            title = str(getattr(target, "title", None) or target)
            # A community's cover is as private as it is: a name nobody can guess.
            name = f"cover-{secrets.token_urlsafe(16)}.png" if model is Community else key
            image = _image(title, f"demo-{name}.png", cover_picture(key))
            setattr(target, field, image)
            target.cover_decorative = True  # an abstract pattern: nothing to read aloud
            if model is Community:
                target.save(update_fields=["cover", "cover_decorative"])
            else:
                target.save_revision().publish()
            # The cards are what the first pages show; a page's hero is made on its first visit.
            prepare_renditions(image, "card")
            done.append(f"a cover for {kind} {key}")
    for key in PORTRAITS:
        profile = _imported(Profile, "person", key)
        if profile is None or profile.photo_id is not None:
            continue
        image = _image(profile.full_name, f"demo-{key}.png", portrait_picture(key))
        Profile.objects.filter(pk=profile.pk).update(photo=image)
        prepare_renditions(image, "avatar", "portrait")
        done.append(f"a portrait for {key}")
    return done
