"""Builders for the insights tests: the communicators who read the dashboards.

People, teams and kudos come from tests/people/factories.py, searches from
tests/search/factories.py.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from tests.people.factories import person


def communicator(**fields):
    """A person in the Communicators group, who may enter the admin (`fields` as `person`)."""
    group, _ = Group.objects.get_or_create(name="Communicators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return person(groups=[group.name], **fields)
