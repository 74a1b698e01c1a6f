"""PLACEHOLDERS, dropped at the merge: the community, post and event pages belong to the
communities-core, posts and events areas. The models reverse these names (and the feed and
notices link to them), so this branch serves the smallest page under each, with the same
rules (404 for what the reader may not see or read)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from communities.selectors.access import (
    communities_visible_to,
    events_readable_by,
    posts_readable_by,
)


@require_GET
def community(request, slug: str):
    found = get_object_or_404(communities_visible_to(request.user), slug=slug)
    return render(request, "communities/placeholder.html", {"title": found.name, "obj": found})


@require_GET
def post(request, slug: str, pk: int):
    found = posts_readable_by(request.user).filter(community__slug=slug, pk=pk).first()
    if found is None:
        raise Http404
    return render(request, "communities/placeholder.html", {"title": str(found), "obj": found})


@require_GET
def event(request, pk: int):
    found = get_object_or_404(events_readable_by(request.user), pk=pk)
    return render(request, "communities/placeholder.html", {"title": found.title, "obj": found})
