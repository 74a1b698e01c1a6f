"""What the ideas hub and a challenge page show beyond their fields, and who may open a
challenge; registered for the page types by `IdeasConfig.ready()` (see `core.page_context`)."""

from __future__ import annotations

from ideas.event_host import challenge_events
from ideas.selectors import challenge_page_context, hub_challenges


def hub_context(request, hub) -> dict:
    """The challenges the reader may see, newest first, with their covers."""
    return {"challenges": hub_challenges(request.user)}


def challenge_context(request, challenge) -> dict:
    """The challenge's ideas in the reader's order and page, what the reader may do, and
    its events (the co-creation workshops)."""
    context = challenge_page_context(
        challenge, request.user, request.GET.get("order"), request.GET.get("page")
    )
    context["events"] = challenge_events(request.user, challenge)
    return context
