"""Builders for the action plans' tests: actions, and the managers and teams who open them."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from insights.actions.models import Action
from insights.actions.services import Source, action_open
from insights.selectors import monday_of
from tests.people.factories import TeamFactory, person


def last_monday() -> date:
    return monday_of(timezone.localdate()) - timedelta(days=7)


def source(**fields) -> Source:
    """What an action answers: by default 23 people talked about “parking” last week."""
    values = {
        "kind": "signal",
        "key": "parking",
        "label": "parking",
        "week": last_monday(),
        "people": 23,
    }
    return Source(**{**values, **fields})


def action(*, opener, owner=None, title="Plus de places de parking", **fields) -> Action:
    """An action opened by `opener` (owned by them unless `owner`), due in 30 days."""
    answers = fields.pop("source", None) or source()
    return action_open(
        opener=opener,
        owner=owner or opener,
        title=title,
        source=answers,
        due_on=fields.pop("due_on", timezone.localdate() + timedelta(days=30)),
        **fields,
    )


def manager_of(team, username="boss", reports=1):
    """A person who manages `reports` people of `team` (so they may open actions for it)."""
    boss = person(username=username, team=team)
    for n in range(reports):
        person(username=f"{username}-report-{n}", team=team, manager=boss)
    return boss


def actions_world(world) -> dict:
    """For the permission matrix: a public action and a private one of team B (whose manager
    is the manager role), both opened and owned by the admin."""
    admin = world.users["admin"]
    return {
        "action": action(opener=admin, public=True, team=world.objects["team_b"]),
        "private_action": action(
            opener=admin, title="Réunion d'équipe", team=world.objects["team_b"]
        ),
    }


__all__ = ["TeamFactory", "action", "actions_world", "last_monday", "manager_of", "source"]
