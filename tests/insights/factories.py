"""Builders for the insights tests: people in teams, dated contributions, searches."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import Group, Permission
from django.utils.text import slugify

from people.models import Kudos, OrganisationValue, Team
from search.models import SearchClick, SearchQueryLog
from search.services import searcher_hash
from tests.factories import UserFactory


def team(name: str, parent: Team | None = None) -> Team:
    return Team.objects.create(name=name, slug=slugify(name), parent=parent)


def employee(*, team: Team | None = None, manager=None, **fields):
    """A user whose profile is in `team`, reporting to `manager` (a user)."""
    user = UserFactory(**fields)
    profile = user.profile
    profile.team = team
    profile.manager = manager.profile if manager is not None else None
    profile.save()
    return user


def employees(count: int, **fields) -> list:
    return [employee(**fields) for _ in range(count)]


def communicator(**fields):
    group, _ = Group.objects.get_or_create(name="Communicators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory(**fields)
    user.groups.add(group)
    return user


def dated(instance, when: datetime, field: str = "created_at"):
    """Set an automatic date afterwards (auto_now_add cannot be given at creation)."""
    type(instance).objects.filter(pk=instance.pk).update(**{field: when})
    setattr(instance, field, when)
    return instance


def search(user, text: str, *, results: int = 3, click: bool = False, when=None):
    log = SearchQueryLog.objects.create(
        query=text,
        normalized_query=text.lower(),
        result_count=results,
        searcher=searcher_hash(user),
    )
    if click:
        SearchClick.objects.create(search=log, rank=1, kind="page", object_id="1")
    return dated(log, when) if when else log


def kudos(sender, recipient, *, when=None) -> Kudos:
    value, _ = OrganisationValue.objects.get_or_create(name="Coopération")
    given = Kudos.objects.create(
        sender=sender, recipient=recipient.profile, value=value, message="Merci !"
    )
    return dated(given, when) if when else given
