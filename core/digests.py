"""The sections of the notification digest, registered by the apps that own what they say.

The digest (a daily or weekly email, sent by `notifications`) is a list of sections: news for
the reader's teams, challenges opening and closing soon, answers, unread notices. The sender
knows none of the apps that fill them: each app registers its sections from its
`AppConfig.ready()` with `register_digest_section`, and the digest is built from
`digest_sections()`, in their `order`. Every section filters its items for the reader (page
privacy, audiences, hidden ideas).

Registrations that share a `name` make one section: their items follow one another in their
`order`, under the heading of the first (the answers to a reader's ideas, registered by
`ideas`, and to their questions, registered by `news`).

Direction: the kernel imports no app; apps import this module.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Window:
    """The digest of `period` covers [start, end); challenges are looked ahead to `horizon`."""

    kind: str
    period: date
    start: datetime
    end: datetime
    now: datetime
    horizon: datetime


@dataclass
class Item:
    title: str
    url: str
    detail: str = ""


# At most this many items per registered section.
LIMIT = 20

# The items of a section for one reader (a user) and one window, in the active language.
Items = Callable[[Any, Window], list[Item]]
# Computed once per run in a few queries: the only readers (user ids) a section may hold
# something for in this window, or None for anyone. Most readers then skip the section's
# queries (few have an answer or an unread notice).
Readers = Callable[[Window], Collection[int] | None]


def anyone(window: Window) -> None:
    return None


@dataclass(frozen=True)
class DigestSection:
    name: str
    order: int
    heading: StrOrPromise  # a lazy translation, read in the reader's language
    items: Items
    readers: Readers = anyone
    # Whether a guest's digest (core/guests.py) holds this section: only sections about what
    # is open to them (their notices, their communities) set it.
    guest_visible: bool = False

    @property
    def key(self) -> tuple[str, int]:
        return (self.name, self.order)


_sections: dict[tuple[str, int], DigestSection] = {}


def register_digest_section(section: DigestSection) -> None:
    """Add `section` to every digest (registering the same name and order again replaces it)."""
    _sections[section.key] = section


def digest_sections() -> list[DigestSection]:
    """The registered sections, in their order."""
    return sorted(_sections.values(), key=lambda section: (section.order, section.name))
