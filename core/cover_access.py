"""Covers as private as what they cover: served by Ruche to whoever may read their owner.

A cover's renditions are files under /media/, which anyone with the link may fetch. That is
right for what every employee reads, wrong for a challenge open to some teams, news addressed
to an audience, or an event of a secret community: their covers would tell outsiders what is
planned. So the owners whose readers are few are registered here, and pages link their
renditions to `/covers/<kind>/<key>/<file name>` (`cover_url`, which
`frontend.templatetags.pictures` calls when given `owner=`), where `serve` sends a rendition
only to whoever may read the owner, with `Cache-Control: private` (a shared cache must never
hand it to someone else); anyone else gets 404, as for something that does not exist.

    register_cover_owner(
        Event,
        kind="event",
        private=lambda event: event.host_type_id is not None,  # its covers go through here
        image_of=readable_event_cover,  # (request, key) -> the image id, None: not for them
    )

Pages have one rule, `page_cover_owner`: a live page whose privacy the reader passes, that
its registered page access lets them open (`core.page_context`), and that the app's own
`may_read` lets them read (news: addressed to them).

`rendition_response` is the file-sending half, also used by views that keep their own URL
(a community's cover, `communities/views/covers.py`).

Direction: the kernel imports no app; apps register from `AppConfig.ready()`.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.images import get_image_model

from core.page_context import may_open

# A rendition's file never changes (a new crop is a new file): the reader's own cache keeps it.
PRIVATE_CACHE = "private, max-age=604800, immutable"


def _pk(obj: Any) -> str:
    return str(obj.pk)


@dataclass(frozen=True)
class CoverOwner:
    """One kind of object whose covers may be private."""

    kind: str  # in the URL: /covers/<kind>/<key>/<file name>
    model: type
    # Whether this object's covers go through the checked view (no query: fields it has).
    private: Callable[[Any], bool]
    # The id of the cover image of the object keyed `key`, if this request may read it.
    image_of: Callable[[HttpRequest, str], int | None]
    key: Callable[[Any], str] = _pk


_owners: dict[str, CoverOwner] = {}


def register_cover_owner(model: type, **options: Any) -> CoverOwner:
    """Serve the private covers of `model`'s objects through `serve` (see the module)."""
    owner = CoverOwner(model=model, **options)
    _owners[owner.kind] = owner
    return owner


def owner_of(obj: Any) -> CoverOwner | None:
    """The registration of this object's model (or of a model it derives from)."""
    for klass in type(obj).__mro__:
        for owner in _owners.values():
            if owner.model is klass:
                return owner
    return None


def cover_url(owner_obj: Any, file_name: str) -> str | None:
    """The checked URL of this rendition file of `owner_obj`'s cover, or None when its covers
    are public (the media URL will do)."""
    owner = owner_of(owner_obj) if owner_obj is not None else None
    if owner is None or not owner.private(owner_obj):
        return None
    return reverse("cover", args=[owner.kind, owner.key(owner_obj), file_name])


def rendition_response(image_id: int | None, name: str) -> FileResponse:
    """The rendition of this image whose file is named `name`, privately cacheable; 404 when
    the image has no such rendition (a name from another image is not served)."""
    if image_id is None or "/" in name:
        raise Http404
    renditions = get_image_model().get_rendition_model().objects
    rendition = renditions.filter(image_id=image_id, file__endswith=f"/{name}").first()
    if rendition is None:
        raise Http404
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
    response = FileResponse(rendition.file.open("rb"), content_type=content_type)
    response["Cache-Control"] = PRIVATE_CACHE
    return response


@require_GET
def serve(request: HttpRequest, kind: str, key: str, name: str) -> FileResponse:
    """One rendition of the cover of the `kind` object keyed `key`, to its readers only."""
    owner = _owners.get(kind)
    if owner is None:
        raise Http404
    return rendition_response(owner.image_of(request, key), name)


def _passes_privacy(request: HttpRequest, page: Any) -> bool:
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def page_cover_owner(
    model: type,
    *,
    kind: str,
    private: Callable[[Any], bool],
    may_read: Callable[[Any, Any], bool] | None = None,
) -> CoverOwner:
    """Register `model` (a page type with `CoverImageMixin`): its private covers go to those
    who may open the page (live, its privacy passed, its registered access) and, with
    `may_read(user, page)`, whom the app's own rule lets read it."""

    def image_of(request: HttpRequest, key: str) -> int | None:
        if not key.isdigit():
            return None
        page = model.objects.live().filter(pk=int(key)).first()  # type: ignore[attr-defined]
        if page is None or not _passes_privacy(request, page):
            return None
        if not may_open(request.user, page):
            return None
        if may_read is not None and not may_read(request.user, page):
            return None
        image_id: int | None = page.cover_image_id
        return image_id

    return register_cover_owner(model, kind=kind, private=private, image_of=image_of)
