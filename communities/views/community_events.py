"""A community's "plan an event" page: the events app's form, with the community as host."""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.http import require_http_methods

from agenda.views import plan_event
from communities.selectors.access import communities_visible_to


@require_http_methods(["GET", "POST"])
def community_event_new(request, slug: str):
    """Animators plan an event of their community (404 to whoever may not)."""
    community = communities_visible_to(request.user).filter(slug=slug).first()
    if community is None:
        raise Http404
    return plan_event(request, community)
