"""A person's permissions and groups are read once, then kept in the cache across requests;
any change of who may do what (a group joined or left, a permission given or taken from a
person or a group, a group deleted) is what the very next request sees."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.permission_cache import in_group, remember_permissions
from ideas.selectors import is_moderator
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db

STATS = "news.view_acknowledgement_stats"


def request_of(user):
    """The user as the next request loads them (nothing cached on the object), with the
    cached permissions put on it; and the queries that took."""
    fresh = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as captured:
        remember_permissions(fresh)
    return fresh, len(captured)


def asks(user, perm: str) -> tuple[bool, int]:
    with CaptureQueriesContext(connection) as captured:
        allowed = user.has_perm(perm)
    return allowed, len(captured)


@pytest.fixture
def editors():
    group = Group.objects.create(name="Rédaction de test")
    group.permissions.add(Permission.objects.get(codename="view_acknowledgement_stats"))
    return group


def test_permissions_are_read_once_then_from_the_cache(editors):
    editor, other = UserFactory(), UserFactory()
    editor.groups.add(editors)

    first, read = request_of(editor)
    again, read_again = request_of(editor)

    assert read == 3 and read_again == 0
    assert asks(first, STATS) == (True, 0) and asks(again, STATS) == (True, 0)
    stranger, _ = request_of(other)  # a key of its own: never the editor's rights
    assert asks(stranger, STATS) == (False, 0)


def test_leaving_or_joining_a_group_is_seen_at_once(editors):
    editor = UserFactory()
    editor.groups.add(editors)
    request_of(editor)

    editor.groups.remove(editors)
    assert asks(request_of(editor)[0], STATS) == (False, 0)
    editors.user_set.add(editor)
    assert asks(request_of(editor)[0], STATS) == (True, 0)
    editor.groups.clear()
    assert asks(request_of(editor)[0], STATS) == (False, 0)


def test_a_permission_given_or_taken_is_seen_at_once(editors):
    editor, person = UserFactory(), UserFactory()
    editor.groups.add(editors)
    request_of(editor), request_of(person)
    stats = Permission.objects.get(codename="view_acknowledgement_stats")

    editors.permissions.remove(stats)
    person.user_permissions.add(stats)

    assert asks(request_of(editor)[0], STATS) == (False, 0)
    assert asks(request_of(person)[0], STATS) == (True, 0)
    editors.permissions.add(stats)
    assert asks(request_of(editor)[0], STATS) == (True, 0)
    editors.delete()
    assert asks(request_of(editor)[0], STATS) == (False, 0)


def test_group_names_answer_the_moderator_check_without_a_query():
    moderators = Group.objects.get_or_create(name="Moderators")[0]
    moderator, employee = UserFactory(), UserFactory()
    moderator.groups.add(moderators)

    for user, expected in ((moderator, True), (employee, False)):
        loaded, _ = request_of(user)
        with CaptureQueriesContext(connection) as captured:
            assert is_moderator(loaded) is expected
            assert in_group(loaded, "Moderators") is expected
        assert len(captured) == 0
    moderator.groups.remove(moderators)
    assert is_moderator(request_of(moderator)[0]) is False


def test_inactive_people_and_superusers_are_not_cached():
    gone = UserFactory(is_active=False)
    admin = UserFactory(is_superuser=True)

    assert request_of(gone)[1] == 0 and request_of(admin)[1] == 0
    assert asks(request_of(gone)[0], STATS)[0] is False
    assert asks(request_of(admin)[0], STATS)[0] is True
