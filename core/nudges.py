"""Nudges: reminders that a scheduled job sends to whoever should act, registered by the apps
that know when someone should.

Each app registers, from its `AppConfig.ready()`, the nudges it owns with `register_nudge`; the
notification centre's beat job (`notifications.nudge_challenge_owners`, weekly) runs every
registered one. A nudge must be safe to run again: it posts notices under keys that make a
second run in the same week post nothing (`notifications.services.notify`).

Direction: the kernel imports no app; apps import this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Nudge:
    name: str
    send: Callable[[datetime], int]  # given the run's time, how many emails went out


_nudges: dict[str, Nudge] = {}


def register_nudge(nudge: Nudge) -> None:
    """Run `nudge` with every nudge job (registering the same name again replaces it)."""
    _nudges[nudge.name] = nudge


def registered_nudges() -> list[Nudge]:
    return list(_nudges.values())
