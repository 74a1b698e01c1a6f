"""Communities host events (`agenda.hosts`): an event of a community is read by whoever
reads the community (`selectors.access`), planned and run by its animators, announced to
its members, found in the search by its readers (`community_ids`).

Registered from `CommunitiesConfig.ready()`, before the events app is ready.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.hosts import register_host
from agenda.selectors.events import HostEvents, host_events
from communities.models import Community, Membership
from communities.selectors.access import (
    can_animate,
    communities_readable_by,
    communities_visible_to,
    reader_ids,
)


def readers_among(community: Community, user_ids: set[int]) -> set[int]:
    """Of these people, those who read the community (an open one: everyone)."""
    readers = reader_ids(community)
    if readers is None:
        return set(user_ids)
    return set(readers.filter(user_id__in=user_ids))


def member_ids(community: Community) -> set[int]:
    """Who hears that an event of the community is planned: its members."""
    return set(Membership.objects.filter(community=community).values_list("user_id", flat=True))


def _caption(community: Community) -> str:
    return gettext("In the community “%(name)s”") % {"name": community.name}


def _new_event_url(community: Community) -> str:
    return reverse("communities:community_event_new", args=[community.slug])


def _search_gate(community: Community) -> dict[str, Any]:
    return {"community_ids": [community.pk], "parent": str(community.pk)}


def community_events(user: Any, community: Community) -> HostEvents:
    """The context `events` of `communities/includes/community_events.html`: upcoming events
    with my answer, then the reports of the last 90 days (three queries)."""
    return host_events(user, community)


def register(reindex_on_rename: Any) -> None:
    """Make communities hosts of events (`reindex_on_rename`: communities.search's rule)."""
    register_host(
        Community,
        kind="community",
        readable=communities_readable_by,
        visible=communities_visible_to,
        may_organise=can_animate,
        readers_among=readers_among,
        audience=member_ids,
        label=lambda community: community.name,
        label_field="name",
        url=lambda community: community.get_absolute_url(),
        reference=lambda community: community.slug,
        caption=_caption,
        new_event_url=_new_event_url,
        search_gate=_search_gate,
        reindex_on_change=reindex_on_rename,
        refusal=_("Only the community's animators can plan its events."),
    )
