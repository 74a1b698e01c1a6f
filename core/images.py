"""Cover images and photos: the renditions each place shows, and how lists prefetch them.

Every image is shown as a `<picture>` with AVIF and WebP sources and a JPEG fallback, in a few
widths of one shape (`SHAPES`), so that the browser picks the smallest file that fits and
reserves the box before it loads (explicit width and height, no layout shift). The front end
renders them (`frontend.templatetags.pictures`); selectors prefetch what lists show with
`with_renditions`, so that a list costs one query for all its renditions, whatever its length.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Prefetch
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

FORMATS = "format-{avif,webp,jpeg}"
M = TypeVar("M", bound="Model")


@dataclass(frozen=True)
class Shape:
    """One way of cropping an image: its sizes (smallest first) and the `sizes` it fills."""

    name: str
    sizes: tuple[tuple[int, int], ...]
    layout: str  # the `sizes` attribute: how wide the image is drawn, by viewport

    @property
    def width(self) -> int:
        return self.sizes[0][0]

    @property
    def height(self) -> int:
        return self.sizes[0][1]

    def specs(self) -> list[str]:
        """Wagtail filter specs, one per size and format (`fill-400x225|format-avif` …)."""
        fills = ",".join(f"{width}x{height}" for width, height in self.sizes)
        expanded: list[str] = Filter.expand_spec(f"fill-{{{fills}}}-c75|{FORMATS}")
        return expanded


SHAPES: dict[str, Shape] = {
    # The banner at the top of a news item, an update, a challenge or a community.
    "hero": Shape("hero", ((640, 320), (960, 480), (1440, 720)), "(min-width: 60rem) 56rem, 100vw"),
    # A card in a list: news, challenges, communities.
    "card": Shape("card", ((400, 225), (800, 450)), "(min-width: 40rem) 20rem, 100vw"),
    # A small thumbnail beside a search result.
    "thumb": Shape("thumb", ((64, 64), (128, 128)), "4rem"),
    # A profile photo, cropped square: large on the profile, small in the directory.
    "portrait": Shape("portrait", ((160, 160), (320, 320)), "10rem"),
    "avatar": Shape("avatar", ((48, 48), (96, 96)), "3rem"),
}


def specs_for(*shapes: str) -> list[str]:
    """Every filter spec of these shapes, for prefetching or generating ahead."""
    return [spec for shape in shapes for spec in SHAPES[shape].specs()]


def renditions_prefetch(lookup: str, *shapes: str) -> Prefetch[str, Any, str]:
    """Prefetch the renditions of the image at `lookup` (a foreign key, `cover_image`,
    `photo`, `author__photo` …) in these shapes: one query for a whole list.

    Select the image itself with `select_related(lookup)`; Wagtail's `get_renditions` then
    reads the prefetched renditions and queries nothing more (it writes only the renditions
    that do not exist yet, the first time an image is shown in a shape).
    """
    rendition_model = get_image_model().get_rendition_model()
    renditions = rendition_model.objects.filter(filter_spec__in=specs_for(*shapes))
    return Prefetch(f"{lookup}__renditions", queryset=renditions, to_attr="prefetched_renditions")


def with_renditions(queryset: QuerySet[M], lookup: str, *shapes: str) -> QuerySet[M]:
    """The queryset with the image at `lookup` joined and its renditions prefetched."""
    return queryset.select_related(lookup).prefetch_related(renditions_prefetch(lookup, *shapes))


def prepare_renditions(image: Any, *shapes: str) -> None:
    """Make the renditions of these shapes now, so that the first reader does not wait for
    them (an AVIF of a wide hero takes a fraction of a second to encode)."""
    image.get_renditions(*specs_for(*shapes))


@task()
def make_renditions(image_id: int, shapes: list[str]) -> None:
    """The background task of `prepare_renditions` (an image deleted since: nothing to do)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        prepare_renditions(image, *shapes)


def renditions_in_background(image_id: int | None, *shapes: str) -> None:
    """Ask a worker to make an image's renditions in these shapes (after an upload, when a
    page with a cover is published); without a broker they are made at once."""
    if image_id is not None:
        make_renditions.enqueue(image_id, list(shapes))


def store_uploaded_cover(title: str, image_file: Any) -> Any:
    """Keep an uploaded cover as a Wagtail image under a random file name (a private owner's
    cover is served by a checked view, `core.cover_access`: the path of its files must not be
    guessable from the name it was uploaded with), its renditions made in the background."""
    extension = Path(image_file.name or "").suffix.lower()[:8]
    image_file.name = f"cover-{secrets.token_urlsafe(16)}{extension}"
    image = get_image_model()(title=title[:255], file=image_file)
    image.save()
    renditions_in_background(image.pk, "hero", "card", "thumb")
    return image


def cover_renditions_on_publish(sender: Any, instance: Any, **kwargs: Any) -> None:
    """`page_published` receiver: a page with a cover gets its hero and card renditions."""
    image_id = getattr(instance, "cover_image_id", None)
    renditions_in_background(image_id, "hero", "card")
