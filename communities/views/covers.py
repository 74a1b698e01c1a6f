"""A community's cover, served by Ruche: as private as the community.

The cover of a secret community is shown only to its members, so its files cannot be handed
out at the media URL: pages link its renditions here (`frontend.templatetags.pictures`,
`serve="communities:cover"`), and this view sends a rendition only to whoever may know the
community exists (everyone for an open or closed one, its members for a secret one); anyone
else gets 404, as for a community that does not exist. Its files are stored under random
names (`communities.services.communities.store_cover`), so that a path cannot be guessed.
"""

from __future__ import annotations

import mimetypes

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET
from wagtail.images import get_image_model

from .community_access import seen_community


@require_GET
def cover(request: HttpRequest, slug: str, name: str) -> FileResponse:
    """One rendition of the community's cover, named by its file's name."""
    community = seen_community(request, slug)
    if community.cover_id is None:
        raise Http404
    renditions = get_image_model().get_rendition_model().objects
    rendition = renditions.filter(image_id=community.cover_id, file__endswith=f"/{name}").first()
    if rendition is None:
        raise Http404
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
    response = FileResponse(rendition.file.open("rb"), content_type=content_type)
    # A shared cache must never give a member's cover to someone else; the file of a
    # rendition never changes, so the reader's own cache keeps it.
    response["Cache-Control"] = "private, max-age=604800, immutable"
    return response
