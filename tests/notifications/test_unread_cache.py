"""The header's unread count is kept per person in the cache, and every write that changes
it (a notice posted, read, marked all read, deleted) makes the next page count again: nobody
ever sees another person's count or a count older than their last change."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from notifications.models import Notification
from notifications.selectors import unread_count
from notifications.services import mark_all_read, mark_read, notify
from tests.notifications.factories import notice
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db


def counted(user) -> tuple[int, int]:
    """The unread count, and how many queries reading it took."""
    with CaptureQueriesContext(connection) as captured:
        value = unread_count(user)
    return value, len(captured)


def test_the_count_is_read_once_then_from_the_cache_for_each_person():
    me, other = UserFactory(), UserFactory()
    notice(me, key="a")
    notice(me, key="b")
    notice(other, key="c")

    assert counted(me) == (2, 1)
    assert counted(me) == (2, 0)
    assert counted(other) == (1, 1)  # a count of its own, never mine
    assert counted(other) == (1, 0)


def test_a_notice_posted_read_or_deleted_counts_again():
    me, other = UserFactory(), UserFactory()
    counted(me), counted(other)

    notify(recipient_ids=[me.pk], key="test:posted", message="Bonjour", immediate=False)
    assert counted(me) == (1, 1)
    assert counted(other) == (0, 0)  # not a recipient: still cached

    posted = Notification.objects.get(recipient=me)
    assert mark_read(user=me, notification_id=posted.pk)
    assert counted(me) == (0, 1)

    for key in ("x", "y"):
        notice(me, key=key)
    assert counted(me) == (2, 1)
    assert mark_all_read(user=me) == 2
    assert counted(me) == (0, 1)

    extra = notice(me, key="z")
    assert counted(me) == (1, 1)
    extra.delete()
    assert counted(me) == (0, 1)


def test_a_count_read_before_the_write_commits_is_not_kept(django_capture_on_commit_callbacks):
    me = UserFactory()
    counted(me)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notice(me, key="pending")
        # Someone reads while the write is not committed yet (here: sees it already; on
        # another connection, would not), and stores what they read.
        unread_count(me)
    assert counted(me) == (1, 1)  # the commit renewed the version: counted again


@override_settings(NOTIFICATIONS_CACHE_UNREAD_COUNT=False)
def test_without_a_cache_shared_with_the_workers_every_page_counts():
    me = UserFactory()
    notice(me, key="a")

    assert counted(me) == (1, 1)
    assert counted(me) == (1, 1)


def test_anonymous_visitors_have_no_count():
    assert counted(AnonymousUser()) == (0, 0)
