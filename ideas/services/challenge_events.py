"""A challenge's events (its co-creation workshops): planned by its owner with the agenda's
form, about some of its ideas. Answering, reminders, the `.ics` file and the report are the
agenda's (`agenda.services`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from agenda.models import Event
from agenda.services.events import EventDetails, create_event
from ideas.models import ChallengePage
from ideas.selectors import workshop_idea_choices

from .errors import Invalid

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def plan_challenge_event(
    *, user: User, challenge: ChallengePage, details: EventDetails, idea_ids: Iterable[int] = ()
) -> Event:
    """The owner plans an event of the challenge about some of its visible ideas.

    Everything is checked before anything is stored: the agenda's rules for the event
    (refusals are `agenda.services.events.EventError`), and ideas of this challenge only.
    """
    wanted = {int(pk) for pk in idea_ids}
    ideas = list(workshop_idea_choices(challenge).filter(pk__in=wanted))
    if len(ideas) != len(wanted):
        raise Invalid(_("A workshop can only be about visible ideas of this challenge."))
    with transaction.atomic():
        event = create_event(user=user, host=challenge, details=details)
        if ideas:
            event.ideas.add(*ideas)
    return event
