"""Outside experts in communities: what a guest (`core.guests`) may reach, where they land.

A guest reads and takes part in the communities they were invited into, and nothing else:
access.py treats them as members of those communities only (never as employees), and the
rule below opens to them the community views and API calls whose community that rule can
tell, plus downloads of files attached to posts (whose own hook then checks the post).
Creating communities, events of no community and following people stay closed to them.
HR's list of guests shows their communities (`guest_communities`), named only where the
reader may know them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from communities.models import Membership, PostAttachment
from communities.selectors.access import communities_visible_to, member_community_ids
from core.guests import GuestPlace

# Community views a guest may use; each view still asks access.py (their communities only).
GUEST_VIEWS = frozenset(
    {
        "communities:directory",
        "communities:community",
        "communities:cover",  # their communities' covers (seen_community refuses the others)
        "communities:posts",
        "communities:new_post",
        "communities:post",
        "communities:edit_post",
        "communities:post_history",
        "communities:delete_post",
        "communities:report_post",
        "communities:poll_vote",
        "communities:react_post",
        "communities:comment",
        "communities:report_comment",
        "communities:accept_answer",
        "communities:unaccept_answer",
        # Events of their communities (the events app's pages; agenda/selectors/access.py
        # shows a guest those of their communities only), and their old addresses.
        "events:events",
        "events:event",
        "events:event_ics",
        "events:event_rsvp",
        "events_moved:legacy_events",
        "events_moved:legacy_event",
        "events_moved:legacy_event_ics",
        "events_moved:legacy_event_rsvp",
        "communities:members",
        "communities:leave",
    }
)
# The communities' API under these prefixes; each endpoint asks access.py as well.
GUEST_API_PREFIXES = ("/api/communities/", "/api/community-posts/", "/api/events/")


def open_communities_to_guests(request: HttpRequest) -> bool:
    """The guest rule of communities (registered with `core.guests.register_guest_rule`)."""
    match = request.resolver_match
    if match is not None and match.view_name in GUEST_VIEWS:
        return bool(member_community_ids(request.user))
    if request.path_info.startswith(GUEST_API_PREFIXES):
        return bool(member_community_ids(request.user))
    if match is not None and match.view_name == "wagtaildocs_serve" and match.args:
        return PostAttachment.objects.filter(document_id=match.args[0]).exists()
    return False


def guest_landing(request: HttpRequest) -> str | None:
    """A guest lands on the list of their communities (the directory shows them only those)."""
    if member_community_ids(request.user):
        return reverse("communities:directory")
    return None


def guest_communities(viewer: Any, user_ids: list[int]) -> dict[int, list[GuestPlace]]:
    """The communities these guests belong to, by name (`core.guests.register_guest_places`):
    a community `viewer` may not know exists (a secret one) is counted, never named. Two
    queries, whatever the number of guests."""
    memberships = list(
        Membership.objects.filter(user_id__in=user_ids)
        .select_related("community")
        .order_by("community__name", "community_id")
    )
    known = set(
        communities_visible_to(viewer)
        .filter(pk__in={membership.community_id for membership in memberships})
        .values_list("pk", flat=True)
    )
    places: dict[int, list[GuestPlace]] = {}
    for membership in memberships:
        community = membership.community
        place = (
            GuestPlace(community.name, community.get_absolute_url())
            if community.pk in known
            else GuestPlace()
        )
        places.setdefault(membership.user_id, []).append(place)
    return places
