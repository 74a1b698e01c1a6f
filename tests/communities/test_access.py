"""Who sees and reads which community: open to all, closed to its members' eyes, secret to
everyone else's knowledge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import Visibility
from communities.selectors.access import (
    can_animate,
    can_read,
    can_see,
    communities_readable_by,
    communities_visible_to,
    posts_readable_by,
)
from tests.communities.factories import community, post
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def test_an_open_community_is_seen_and_read_by_every_employee():
    employee = person()
    open_one = community(visibility=Visibility.OPEN)

    assert can_see(employee, open_one) and can_read(employee, open_one)
    assert open_one in communities_readable_by(employee)


def test_a_closed_community_is_seen_by_all_but_read_by_its_members_only():
    member, outsider = person(), person()
    closed = community(visibility=Visibility.CLOSED, members=[member])
    message = post(closed, author=member)

    assert can_see(outsider, closed) and not can_read(outsider, closed)
    assert can_read(member, closed)
    assert list(posts_readable_by(member)) == [message]
    assert not posts_readable_by(outsider).exists()


def test_a_secret_community_exists_for_its_members_only():
    member, outsider = person(), person()
    secret = community(visibility=Visibility.SECRET, members=[member])
    post(secret, author=member)

    assert not can_see(outsider, secret)
    assert secret not in communities_visible_to(outsider)
    assert not posts_readable_by(outsider).exists()
    assert secret in communities_visible_to(member)


def test_administrators_see_and_read_everything_and_animators_run_their_community():
    admin = person(is_superuser=True)
    animator, member = person(), person()
    secret = community(visibility=Visibility.SECRET, animators=[animator], members=[member])

    assert can_read(admin, secret) and can_animate(admin, secret)
    assert can_animate(animator, secret) and not can_animate(member, secret)


def test_a_scheduled_post_waits_for_its_time():
    member = person()
    open_one = community(members=[member])
    post(open_one, author=member, publish_at=timezone.now() + timedelta(hours=2))

    assert not posts_readable_by(member).exists()
