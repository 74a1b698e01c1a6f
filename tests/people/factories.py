"""Builders for people: users, teams, profiles, import keys, organisation values and kudos.

`person()` is the suite's one way to make an employee with a profile; every other app's factories
build on it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import factory
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify

from core.models import ExternalKey
from people.guests import invite_guest
from people.models import Kudos, OrganisationValue, Profile, Team
from tests.intranet.factories import dated

PASSWORD = "correct horse battery"  # every user the factories make signs in with it

USER_FIELDS = frozenset(field.name for field in User._meta.concrete_fields)


class UserFactory(factory.django.DjangoModelFactory):
    """A user (their profile comes with them); the same username gives the same user."""

    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"employee{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Équipe {n}")
    slug = factory.LazyAttribute(lambda team: slugify(team.name))


def person(
    *,
    key: str | None = None,
    team: Team | None = None,
    manager: User | Profile | None = None,
    groups=(),
    skills=(),
    languages=(),
    **fields,
) -> User:
    """An employee: a user with their profile filled in; returns the user (`.profile` is set).

    Keywords naming a field of User (`username`, `first_name`, `last_name`, `email`,
    `is_superuser`, `is_staff`, `is_active`…) go to the user, any other (`job_title`, `location`,
    `bio`, `deactivated_at`…) to the profile. `team` and `manager` (a user or a profile) place
    the person in the organisation; `groups` are names of groups they join (made if missing);
    `skills` and `languages` are tag names; with `key`, the profile is findable as the imported
    `person` of that key. The same `username` gives the same user, updated.
    """
    user = UserFactory(**{name: fields.pop(name) for name in list(fields) if name in USER_FIELDS})
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    profile = Profile.objects.get(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.team = team
    profile.manager = manager.profile if isinstance(manager, User) else manager
    profile.save()
    if skills:
        profile.skills.set(list(skills))
    if languages:
        profile.languages.set(list(languages))
    user.profile = profile
    if key:
        ExternalKey.objects.update_or_create(
            kind="person",
            key=key,
            defaults={
                "content_type": ContentType.objects.get_for_model(Profile),
                "object_id": str(profile.pk),
            },
        )
    return user


def employees(count: int, **fields) -> list[User]:
    """`count` people made alike by `person(**fields)` (without a username: they differ)."""
    return [person(**fields) for _ in range(count)]


def team_key(team: Team, key: str) -> None:
    """Make `team` findable as the imported `team` of that key."""
    ExternalKey.objects.create(
        kind="team",
        key=key,
        content_type=ContentType.objects.get_for_model(Team),
        object_id=str(team.pk),
    )


def value(name: str = "Coopération") -> OrganisationValue:
    return OrganisationValue.objects.get_or_create(name=name)[0]


def kudos(sender: User, recipient: User, *, when: datetime | None = None) -> Kudos:
    """Thanks from `sender` to `recipient` (both users) for cooperation, given `when`."""
    given = Kudos.objects.create(
        sender=sender, recipient=recipient.profile, value=value(), message="Merci !"
    )
    return dated(given, when) if when else given


def guest(
    *,
    username: str | None = None,
    email: str | None = None,
    invited_by: User | None = None,
    until: date | None = None,
    first_name: str = "Gaëlle",
    last_name: str = "Externe",
) -> User:
    """A guest who has accepted their invitation (signs in with `PASSWORD`), invited through
    `invite_guest` by `invited_by` (an employee made for it by default), with access until
    `until` (in 30 days by default; a past date is set after the invitation)."""
    inviter = invited_by or person()
    address = email or f"{username or 'guest'}.{User.objects.count()}@partner.example"
    user = invite_guest(
        email=address,
        first_name=first_name,
        last_name=last_name,
        invited_by=inviter,
        access_until=timezone.localdate() + timedelta(days=30),
    )
    if username:
        user.username = username
    user.set_password(PASSWORD)
    user.save()
    if until is not None:
        Profile.objects.filter(user=user).update(guest_until=until)
    user.profile = Profile.objects.get(user=user)
    return user
