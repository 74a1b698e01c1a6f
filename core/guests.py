"""Guests: outside accounts that reach only what an app explicitly opens to them.

The kernel knows nothing of who is a guest or which pages exist; the apps tell it:

- `people` (which owns guest accounts) registers how to tell a guest from an employee:
  `register_guest_check(check, related="profile")`. `check(user, may_query)` answers from
  what is loaded on the user (an annotation, a joined profile) and queries only when
  `may_query` is true; `related` is the user relation that, joined, makes the answer free.
- An app that opens something to guests registers a rule: `register_guest_rule(rule)`, where
  `rule(request)` is true for the requests a guest may make (a community's pages for its
  members). Everything no rule allows answers 404 to a guest (`people.middleware`), the API
  included; the Wagtail admin is never open to them.
- An app may give guests their landing page: `register_guest_home(home)`, where
  `home(request)` returns the URL a guest lands on at `/`, or None.
- An app that lets guests in somewhere says where, for HR's list of guests:
  `register_guest_places(places)`, where `places(viewer, user_ids)` maps each guest's user id
  to the `GuestPlace`s they were let into (a community), as `viewer` may know them: a place
  the viewer may not know exists comes without its name. A constant number of queries.

Reads: `is_guest(user)` (may cost one query, once per user object), `shows_as_guest(user)`
(never queries: for badges next to names; join `guest_related(...)` to make it true),
`guest_may_reach(request)`, `guest_home(request)`, `guest_places(viewer, user_ids)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

GuestCheck = Callable[[Any, bool], bool]
GuestRule = Callable[[HttpRequest], bool]
GuestHome = Callable[[HttpRequest], str | None]


@dataclass(frozen=True)
class GuestPlace:
    """Somewhere a guest was let in (a community), as a viewer may see it; `name` and
    `url` are empty when the viewer may not know that it exists."""

    name: str = ""
    url: str = ""

    @property
    def hidden(self) -> bool:
        return not self.name


GuestPlaces = Callable[[Any, list[int]], dict[int, list[GuestPlace]]]

_checks: list[GuestCheck] = []
_related: list[str] = []
_rules: list[GuestRule] = []
_homes: list[GuestHome] = []
_places: list[GuestPlaces] = []


def register_guest_check(check: GuestCheck, *, related: str = "") -> GuestCheck:
    """Tell the kernel how to recognise a guest; `related` is the user relation to join
    (`select_related`) so that `shows_as_guest` can answer without a query."""
    if check not in _checks:
        _checks.append(check)
    if related and related not in _related:
        _related.append(related)
    return check


def is_guest(user: Any) -> bool:
    """Whether this signed-in user is a guest (at most one query per user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return any(check(user, True) for check in _checks)


def shows_as_guest(user: Any) -> bool:
    """Whether to mark this user "Guest" next to their name: answered from what is loaded,
    never with a query (a list of names loads `guest_related(...)` with its users)."""
    if user is None or not getattr(user, "pk", None):
        return False
    return any(check(user, False) for check in _checks)


def guest_related(user_field: str = "") -> list[str]:
    """The `select_related` paths that make `shows_as_guest` (and `is_guest`) free for the
    users at `user_field` (`"author"` gives `["author", "author__profile"]` once people
    registered); on a queryset of users themselves (no field), the relations alone."""
    if not user_field:
        return list(_related)
    return [user_field, *(f"{user_field}__{name}" for name in _related)]


def register_guest_rule(rule: GuestRule) -> GuestRule:
    """Open the requests `rule(request)` accepts to guests (it runs for guests only, on
    every request: keep it cheap, a path test first)."""
    if rule not in _rules:
        _rules.append(rule)
    return rule


def guest_may_reach(request: HttpRequest) -> bool:
    """Whether some registered rule opens this request to a guest."""
    return any(rule(request) for rule in _rules)


def register_guest_home(home: GuestHome) -> GuestHome:
    """Give guests a landing page: `home(request)` is its URL, or None (none for them)."""
    if home not in _homes:
        _homes.append(home)
    return home


def guest_home(request: HttpRequest) -> str | None:
    """The URL a guest lands on at `/`, from the first registered home that has one."""
    for home in _homes:
        url = home(request)
        if url:
            return url
    return None


def register_guest_places(places: GuestPlaces) -> GuestPlaces:
    """Tell the kernel where guests were let in: `places(viewer, user_ids)`."""
    if places not in _places:
        _places.append(places)
    return places


def guest_places(viewer: Any, user_ids: list[int]) -> dict[int, list[GuestPlace]]:
    """Where each of these guests was let in, from every registered app, as `viewer` may know
    it: `{user_id: [GuestPlace, ...]}`, an empty list for a guest let in nowhere."""
    found: dict[int, list[GuestPlace]] = {user_id: [] for user_id in user_ids}
    if not user_ids:
        return found
    for places in _places:
        for user_id, where in places(viewer, list(user_ids)).items():
            found.setdefault(user_id, []).extend(where)
    return found
