"""Who takes part in the demo's activity, and the keys that make each part run once.

The activity is built on whatever people exist when it runs (the 25 people of the small
demo, or the 300 of the generated organisation): the role accounts are found by username,
everyone else is drawn from the active people with the part's seeded generator.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from core.models import ExternalKey
from people.models import Profile

# The demo's role accounts (intranet/management/commands/load_demo.py creates them).
EMPLOYEE, EDITOR, CHALLENGE_OWNER, MANAGER, ADMIN, COMMUNICATOR = (
    "camille",
    "elise",
    "olivier",
    "mathilde",
    "admin",
    "claire",
)
ROLE_USERNAMES = (EMPLOYEE, EDITOR, CHALLENGE_OWNER, MANAGER, ADMIN, COMMUNICATOR)

# The kind of the keys that mark a part of the activity as done (one key per part).
PART_KEY_KIND = "demo-activity"


@dataclass
class Cast:
    """The active employees (role accounts first), their teams, and the role accounts."""

    people: list[User]
    team_of: dict[int, int | None]
    roles: dict[str, User] = field(default_factory=dict)

    def role(self, username: str) -> User:
        """A role account, or the first active person when the demo has no such account."""
        return self.roles.get(username) or self.people[0]

    def members_of(self, team_id: int) -> list[User]:
        return [user for user in self.people if self.team_of.get(user.pk) == team_id]


def demo_cast() -> Cast:
    """Every active employee (guests and deactivated people left out), in a stable order."""
    rows = (
        Profile.objects.active()
        .select_related("user")
        .order_by("user__username")
        .only("team_id", "user")
    )
    people = [row.user for row in rows]
    roles = {user.username: user for user in people if user.username in ROLE_USERNAMES}
    ordered = [roles[name] for name in ROLE_USERNAMES if name in roles]
    ordered += [user for user in people if user.username not in roles]
    return Cast(people=ordered, team_of={row.user_id: row.team_id for row in rows}, roles=roles)


def part_done(part: str) -> bool:
    """Whether this part of the activity was generated already (by an earlier load)."""
    return ExternalKey.objects.filter(kind=PART_KEY_KIND, key=part).exists()


def mark_part_done(part: str, witness: Model) -> None:
    """Record that `part` is generated, in the same transaction as what it generated; the
    key points at one object the part made (an external key names an object)."""
    ExternalKey.objects.get_or_create(
        kind=PART_KEY_KIND,
        key=part,
        defaults={
            "content_type": ContentType.objects.get_for_model(witness),
            "object_id": str(witness.pk),
        },
    )


def keep_key(kind: str, key: str, obj: Model) -> None:
    """Give a generated object its import key, so search results and re-imports know it."""
    ExternalKey.objects.get_or_create(
        kind=kind,
        key=key,
        defaults={
            "content_type": ContentType.objects.get_for_model(obj),
            "object_id": str(obj.pk),
        },
    )


@contextmanager
def moments_kept(*models: type[Model]) -> Iterator[None]:
    """Let bulk inserts of these models keep the `created_at` they are given.

    `created_at` is `auto_now_add` on logs that Ruche writes as things happen; the demo writes
    twelve weeks of them at once, and moving each row back after the insert (`bulk_update`)
    costs more than the insert itself. The load is one process writing alone, so the field
    is switched for the block only and restored even when the block fails.
    """
    stamps = [model._meta.get_field("created_at") for model in models]
    saved = [stamp.auto_now_add for stamp in stamps]  # type: ignore[union-attr]
    for stamp in stamps:
        stamp.auto_now_add = False  # type: ignore[union-attr]
    try:
        yield
    finally:
        for stamp, value in zip(stamps, saved, strict=True):
            stamp.auto_now_add = value  # type: ignore[union-attr]
