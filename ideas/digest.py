"""What ideas says in the notification digest: challenges opening and closing soon, and
owner answers to the reader's ideas. Registered from `IdeasConfig.ready()` (see
`core.digests`); the reads are `ideas.selectors.digest`, which apply challenge audiences and
leave hidden ideas out."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.digests import LIMIT, DigestSection, Item, Window
from core.formats import local_date
from ideas.selectors import (
    answers_to_ideas_of,
    any_challenge_opening_or_closing,
    authors_answered_between,
    challenges_closing_for,
    challenges_opening_for,
)
from notifications.emails import absolute_url


def _when(label: str, moment: datetime) -> str:
    return label % local_date(moment, "DATETIME_FORMAT")


def opening_items(user, window: Window) -> list[Item]:
    """Challenges the reader may see that open between the run and the horizon."""
    opening = challenges_opening_for(user, since=window.now, until=window.horizon)
    return [
        Item(c.title, absolute_url(c.url or ""), _when(_("Opens on %s"), c.opens_at))
        for c in opening.order_by("opens_at")[:LIMIT]
    ]


def closing_items(user, window: Window) -> list[Item]:
    """Challenges the reader may see, already open, that close between the run and the
    horizon."""
    closing = challenges_closing_for(user, since=window.now, until=window.horizon)
    return [
        Item(c.title, absolute_url(c.url or ""), _when(_("Closes on %s"), c.closes_at))
        for c in closing.order_by("closes_at")[:LIMIT]
    ]


def challenge_readers(window: Window) -> frozenset[int] | None:
    """Anyone when some challenge opens or closes before the horizon, nobody otherwise."""
    if any_challenge_opening_or_closing(since=window.now, until=window.horizon):
        return None
    return frozenset()


def answer_items(user, window: Window) -> list[Item]:
    """Owner answers given in the window to ideas the reader wrote or co-wrote."""
    return [
        Item(
            _("Your idea “%(title)s” is now: %(status)s")
            % {"title": change.idea.title, "status": change.get_to_status_display()},
            absolute_url(change.idea.get_absolute_url()),
        )
        for change in answers_to_ideas_of(user, since=window.start, until=window.end)[:LIMIT]
    ]


def answered_readers(window: Window) -> set[int]:
    return authors_answered_between(since=window.start, until=window.end)


SECTIONS = (
    DigestSection(
        name="challenges-opening",
        order=20,
        heading=gettext_lazy("Challenges opening soon"),
        items=opening_items,
        readers=challenge_readers,
    ),
    DigestSection(
        name="challenges-closing",
        order=30,
        heading=gettext_lazy("Challenges closing soon"),
        items=closing_items,
        readers=challenge_readers,
    ),
    # Before the answers to the reader's questions (`news.digest`), in the same section.
    DigestSection(
        name="answers",
        order=40,
        heading=gettext_lazy("Answers to your ideas and questions"),
        items=answer_items,
        readers=answered_readers,
    ),
)
