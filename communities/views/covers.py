"""A community's cover, served by Ruche: as private as the community.

The cover of a secret community is shown only to its members, so its files cannot be handed
out at the media URL: pages link its renditions here (`frontend.templatetags.pictures`,
`serve="communities:cover"`), and this view sends a rendition only to whoever may know the
community exists (everyone for an open or closed one, its members for a secret one); anyone
else gets 404, as for a community that does not exist. Its files are stored under random
names (`communities.services.communities.store_cover`), so that a path cannot be guessed.
"""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from core.cover_access import rendition_response

from .community_access import seen_community


@require_GET
def cover(request: HttpRequest, slug: str, name: str) -> FileResponse:
    """One rendition of the community's cover, named by its file's name (privately cached:
    `core.cover_access.rendition_response`)."""
    community = seen_community(request, slug)
    return rendition_response(community.cover_id, name)
