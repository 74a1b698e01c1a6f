"""Faces for the demo organisation, drawn with Pillow (nothing downloaded): a person's
initials on a honeycomb of one colour, lit from one side. Most people get one; about one in
eight keeps none, so that the demo shows the default avatar too. The named people of
intranet/demo_images.py keep their portraits.

A face is small (320 px, the largest portrait shown). Only the named people's avatar
renditions are made at load (they sign the news, ask the questions, give the kudos): making
them for everyone would take longer than the rest of the load, so the others' are made when a
page first shows them.
"""

from __future__ import annotations

import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

from core.images import prepare_renditions
from core.models import ExternalKey
from people.models import Profile

FACE_SIZE = 320
WITHOUT_FACE = 0.12  # share of people who keep the default avatar
GROUNDS = [
    (180, 83, 9),
    (30, 64, 175),
    (21, 128, 61),
    (107, 33, 168),
    (190, 18, 60),
    (15, 118, 110),
    (71, 85, 105),
    (161, 98, 7),
]


def initials(first_name: str, last_name: str) -> str:
    return f"{first_name[:1]}{last_name[:1]}".upper()


def face_picture(seed: str, letters: str, size: int = FACE_SIZE) -> io.BytesIO:
    """Initials on a honeycomb of one colour: the same seed, the same face."""
    chance = random.Random(seed)  # noqa: S311 - a drawing, not a secret
    ground = chance.choice(GROUNDS)
    picture = Image.new("RGB", (size, size), ground)
    draw = ImageDraw.Draw(picture)
    radius = size / chance.choice([5, 6, 7])
    step_x, step_y = radius * math.sqrt(3), radius * 1.5
    light = chance.uniform(0, size)
    for row in range(int(size / step_y) + 2):
        for column in range(int(size / step_x) + 2):
            cx = column * step_x + (step_x / 2 if row % 2 else 0)
            cy = row * step_y
            lift = 0.25 * (1 - abs(cx - light) / size) + chance.uniform(0, 0.08)
            colour = tuple(min(255, int(c + (255 - c) * lift)) for c in ground)
            draw.polygon(_hexagon(cx, cy, radius * 0.92), fill=colour)
    font = ImageFont.load_default(size=int(size * 0.38))
    draw.text((size / 2, size / 2), letters, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def _hexagon(cx: float, cy: float, radius: float) -> list[tuple[float, float]]:
    return [
        (
            cx + radius * math.cos(math.radians(60 * i + 30)),
            cy + radius * math.sin(math.radians(60 * i + 30)),
        )
        for i in range(6)
    ]


def gets_a_face(key: str, seed: int) -> bool:
    """Whether this person has a face in the demo (stable for a key and a seed)."""
    return random.Random(f"{seed}:{key}").random() >= WITHOUT_FACE  # noqa: S311


def add_faces(seed: int, *, skip_keys: set[str], rendered_keys: set[str]) -> int:
    """Draw a face for each imported person who has none and should (not those of
    `skip_keys`), with its avatar renditions for `rendered_keys`; returns how many."""
    keys = dict(ExternalKey.objects.filter(kind="person").values_list("object_id", "key"))
    profiles = (
        Profile.objects.filter(pk__in=[int(pk) for pk in keys], photo__isnull=True)
        .select_related("user")
        .order_by("pk")
    )
    image_model = get_image_model()
    drawn = 0
    for profile in profiles:
        key = keys[str(profile.pk)]
        if key in skip_keys or not gets_a_face(key, seed):
            continue
        user = profile.user
        image = image_model(title=profile.full_name)
        content = face_picture(key, initials(user.first_name, user.last_name))
        image.file = ImageFile(content, name=f"{key}.png")
        image.save()
        Profile.objects.filter(pk=profile.pk).update(photo=image)
        if key in rendered_keys:
            prepare_renditions(image, "avatar")
        drawn += 1
    return drawn
