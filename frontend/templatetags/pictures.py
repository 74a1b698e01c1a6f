"""Covers and photos as responsive `<picture>` elements, or a default visual when none.

    {% load pictures %}
    {% cover page.cover_image "hero" kind="news" decorative=page.cover_decorative hero=True %}
    {% cover item.cover_image "card" kind="challenge" hero=forloop.first %}
    {% cover community.cover "card" kind="community" serve="communities:cover" key=community.slug %}
    {% cover event.cover_image "card" kind="event" owner=event %}  {# private: checked URLs #}
    {% photo profile "avatar" %}

Each image gets AVIF and WebP `<source>`s and a JPEG `<img>`, each with a `srcset` of the
shape's widths (`core.images.SHAPES`), the shape's `sizes`, explicit `width` and `height` (the
box is reserved before the file arrives), `decoding="async"`, and `loading="lazy"` unless it is
the hero (which is fetched first, `fetchpriority="high"`). Renditions come from Wagtail
(`Image.get_renditions`): prefetched by the list's selector (`core.images.with_renditions`)
they cost no query. An image that is as private as its owner (a community's cover) is given
`serve` (a URL name taking `key` and the rendition's file name) so that it is served by a view that
checks the reader, not by the media URL; or it is given `owner` (what it covers), and
`core.cover_access` links its renditions to the checked `/covers/…` view when that owner is
private (a challenge for some teams, news for an audience, an event of a closed host).

Without an image, the kind's own illustration (`frontend/static/frontend/covers/<kind>.svg`) is
drawn in the same box with an empty alt: it is decoration. A person without a photo gets
their initials (`.avatar`), markup kept to one element so that an avatar component can
replace it.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from core.cover_access import cover_url
from core.images import SHAPES, Shape
from frontend.components import person_initials

register = template.Library()

KINDS = {"news", "leadership_update", "challenge", "community", "event", "person"}
# The order in which the browser tries the formats; the last one is the `<img>` fallback.
SOURCES = (("avif", "image/avif"), ("webp", "image/webp"))
FALLBACK = "jpeg"


def _url(rendition: Any, serve: str, key: Any, owner: Any = None) -> str:
    name = rendition.file.name.rsplit("/", 1)[-1]
    if serve:
        return reverse(serve, args=[key, name])
    checked = cover_url(owner, name) if owner is not None else None
    if checked:
        return checked
    url: str = rendition.url
    return url


def _srcset(renditions: list[Any], serve: str, key: Any, owner: Any = None) -> str:
    return ", ".join(f"{_url(r, serve, key, owner)} {r.width}w" for r in renditions)


def _loading(hero: bool) -> dict[str, str]:
    if hero:
        return {"fetchpriority": "high", "decoding": "async"}
    return {"loading": "lazy", "decoding": "async"}


def _attrs(attrs: dict[str, Any]) -> SafeString:
    return format_html_join("", ' {}="{}"', ((name, value) for name, value in attrs.items()))


def picture_html(
    image: Any,
    shape: Shape,
    *,
    alt: str,
    css_class: str,
    hero: bool = False,
    serve: str = "",
    key: Any = None,
    owner: Any = None,
) -> SafeString:
    """The `<picture>` of this image in this shape (see the module's docstring)."""
    renditions = image.get_renditions(*shape.specs())
    by_format: dict[str, list[Any]] = {}
    for spec, rendition in renditions.items():
        by_format.setdefault(spec.rsplit("format-", 1)[-1], []).append(rendition)
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (mime, _srcset(by_format[name], serve, key, owner), shape.layout)
            for name, mime in SOURCES
            if name in by_format
        ),
    )
    fallback = by_format[FALLBACK]
    first = fallback[0]
    img = {
        "src": _url(first, serve, key, owner),
        "srcset": _srcset(fallback, serve, key, owner),
        "sizes": shape.layout,
        "width": first.width,
        "height": first.height,
        "alt": alt,
        "class": css_class,
        **_loading(hero),
    }
    return format_html("<picture>{}<img{}></picture>", sources, _attrs(img))


def default_html(kind: str, shape: Shape, *, css_class: str, hero: bool = False) -> SafeString:
    """The kind's illustration in the shape's box, decorative (empty alt)."""
    name = kind if kind in KINDS else "news"
    img = {
        "src": static(f"frontend/covers/{name}.svg"),
        "width": shape.width,
        "height": shape.height,
        "alt": "",
        "class": f"{css_class} picture--default",
        **_loading(hero),
    }
    return format_html("<img{}>", _attrs(img))


@register.simple_tag
def cover(
    image: Any,
    shape: str = "card",
    *,
    kind: str = "news",
    decorative: bool = False,
    hero: bool = False,
    serve: str = "",
    key: Any = None,
    owner: Any = None,
) -> SafeString:
    """A cover image, or the kind's default visual when there is none; `owner` (the page or
    object it covers) sends its renditions through `core.cover_access` when it is private."""
    chosen = SHAPES[shape]
    css_class = f"picture picture--{shape}"
    if not image:
        return default_html(kind, chosen, css_class=css_class, hero=hero)
    alt = "" if decorative else image.default_alt_text
    return picture_html(
        image, chosen, alt=alt, css_class=css_class, hero=hero, serve=serve, key=key, owner=owner
    )


@register.simple_tag
def photo(profile: Any, shape: str = "avatar", *, hero: bool = False) -> SafeString:
    """A person's photo cropped square, or their initials.

    The alt is empty: the person's name is always written beside the photo.
    """
    chosen = SHAPES[shape]
    css_class = f"picture picture--{shape} avatar"
    image = getattr(profile, "photo", None) if profile else None
    if image:
        return picture_html(image, chosen, alt="", css_class=css_class, hero=hero)
    return format_html(
        '<span class="{} avatar--initials" aria-hidden="true">{}</span>',
        css_class,
        person_initials(profile),
    )


@register.simple_tag
def kind_thumbnail(kind: str) -> SafeString:
    """A small decorative visual of a search result's kind (no query: it is the kind's
    default illustration), or nothing for kinds that have none (pages, posts, teams)."""
    if kind not in KINDS:
        return SafeString("")
    return default_html(kind, SHAPES["thumb"], css_class="picture picture--thumb result__thumb")
