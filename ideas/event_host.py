"""Challenges host events (`agenda.hosts`): the co-creation workshops of a challenge are its
events. An event of a challenge is read by whoever may see the challenge (its audience, its
owner, moderators: `selectors.access`), planned and run by its owner, found in the search by
the challenge's audience (`audience_team_ids`, and the page's privacy as `group_ids`),
re-indexed when the challenge page is saved (its title or audience may have changed).

Registered from `IdeasConfig.ready()`, before the agenda app is ready.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.hosts import register_host
from agenda.selectors.events import HostEvents, host_events
from core.guests import is_guest
from ideas.models import ChallengePage, Idea
from ideas.selectors import (
    can_manage_challenge,
    challenge_audience_ids,
    challenges_visible_to,
    users_in_audience,
)
from search.pages import page_visibility

# The external key that keeps a former workshop's id (ideas/migrations/0008): its old
# addresses lead to its event.
OLD_WORKSHOP_KIND = "ideas.workshop"


def _caption(challenge: ChallengePage) -> str:
    return gettext("For the challenge “%(title)s”") % {"title": challenge.title}


def _url(challenge: ChallengePage) -> str | None:
    return challenge.url or None


def _new_event_url(challenge: ChallengePage) -> str:
    return reverse("ideas:challenge_event_new", args=[challenge.pk])


def search_gate(challenge: ChallengePage) -> dict[str, Any] | None:
    """The challenge's audience and page privacy; None (not findable) behind a password or
    unpublished."""
    findable, group_ids = page_visibility(challenge)
    if not findable:
        return None
    return {
        "audience_team_ids": challenge_audience_ids(challenge) or None,
        "group_ids": group_ids,
        "parent": str(challenge.pk),
    }


def readable(user: Any) -> Any:
    """The challenges whose events this person reads: those they may see; none for an
    outside guest (the ideas hub is closed to guests)."""
    if is_guest(user):
        return ChallengePage.objects.none()
    return challenges_visible_to(user)


def readers_among(challenge: ChallengePage, user_ids: set[int]) -> set[int]:
    """Of these people, the active ones who may see the challenge."""
    return users_in_audience(challenge, user_ids)


def _its_events(challenge: ChallengePage) -> Any:
    return challenge.events.only("pk")


def challenge_events(user: Any, challenge: ChallengePage, *, limit: int = 10) -> HostEvents:
    """The context `events` of `ideas/includes/challenge_events.html`: the upcoming events
    with my answer, then the past ones with a report; each with the visible ideas it works
    on (`event.idea_list`). Four queries whatever their number."""
    events = host_events(user, challenge, limit=limit, reports_since=None)
    shown = [*events.upcoming, *events.reports]
    by_event: dict[int, list[Idea]] = {event.pk: [] for event in shown}
    if shown:
        links = (
            Idea.events.through.objects.filter(
                event_id__in=list(by_event), idea__in=Idea.objects.visible()
            )
            .select_related("idea")
            .order_by("idea__title", "idea_id")
        )
        for link in links:
            by_event[link.event_id].append(link.idea)
    for event in shown:
        event.idea_list = by_event[event.pk]  # type: ignore[attr-defined]
    return events


def register() -> None:
    """Make challenges hosts of events."""
    register_host(
        ChallengePage,
        kind="challenge",
        readable=readable,
        may_organise=can_manage_challenge,
        readers_among=readers_among,
        label=lambda challenge: challenge.title,
        label_field="title",
        url=_url,
        reference=lambda challenge: str(challenge.pk),
        caption=_caption,
        new_event_url=_new_event_url,
        search_gate=search_gate,
        reindex_on_change=_its_events,
        refusal=_("Only the challenge owner can plan its events."),
    )
