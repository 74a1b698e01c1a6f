"""Community health, for animators: active members, posts, answered questions, response
time, new members; never a figure drawn from fewer than the 5-person floor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership, PostKind
from communities.selectors.health import community_health
from tests.communities.factories import community, post, signed_in
from tests.conversations.factories import comment_on, reaction_on
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def members(team, count):
    people = [person() for _n in range(count)]
    for user in people:
        Membership.objects.create(community=team, user=user)
    return people


def test_four_active_members_are_withheld_five_are_shown():
    team = community()
    quiet = members(team, 6)
    posters = members(team, 4)
    for user in posters:
        post(team, author=user)

    withheld = community_health(team)
    comment_on(post(team, author=quiet[0]), author=quiet[1], body="Oui")

    assert withheld.active_members is None and withheld.posts is None
    shown = community_health(team)
    assert shown.active_members == 6 and shown.posts == 5


def test_commenting_and_reacting_count_as_being_active_but_outsiders_do_not():
    team = community()
    people = members(team, 5)
    target = post(team, author=people[0])
    comment_on(target, author=people[1], body="Bien")
    comment_on(target, author=person(), body="Je passe")  # an open community's reader
    for user in people[2:]:
        reaction_on(target, user=user, kind="like")

    assert community_health(team).active_members == 5


def test_old_activity_does_not_count():
    team = community()
    for user in members(team, 6):
        post(team, author=user, publish_at=timezone.now() - timedelta(days=40))

    health = community_health(team)

    assert health.active_members is None and health.posts is None


def test_answered_share_and_median_response_time_from_enough_people():
    team = community()
    askers, answerers = members(team, 5), members(team, 5)
    now = timezone.now()
    for number, (asker, answerer) in enumerate(zip(askers, answerers, strict=True)):
        question = post(
            team, author=asker, kind=PostKind.QUESTION, publish_at=now - timedelta(hours=10)
        )
        if number < 4:  # four of five answered, after 1, 2, 3 and 4 hours
            comment = comment_on(question, author=answerer, body="Voilà")
            comment.created_at = question.publish_at + timedelta(hours=number + 1)
            comment.save()
    # One more answered post so that five replies make the median
    extra = post(team, author=askers[0], publish_at=now - timedelta(hours=10))
    late = comment_on(extra, author=answerers[4], body="Tard")
    late.created_at = extra.publish_at + timedelta(hours=5)
    late.save()

    health = community_health(team)

    assert health.questions == 5 and health.answered_percent == 80
    assert health.median_response == timedelta(hours=3)


def test_an_authors_own_comment_is_no_response():
    team = community()
    people = members(team, 5)
    for user in people:
        mine = post(team, author=user)
        comment_on(mine, author=user, body="Précision")

    assert community_health(team).median_response is None


def test_new_members_under_the_floor_are_withheld():
    team = community()
    members(team, 4)

    assert community_health(team).new_members is None
    members(team, 1)
    assert community_health(team).new_members == 5


def test_the_health_page_is_for_animators_and_says_fewer_than_five(client):
    animator, member = person(), person()
    team = community(animators=[animator], members=[member])
    url = reverse("communities:health", args=[team.slug])

    assert signed_in(client, member).get(url).status_code == 403
    response = signed_in(client, animator).get(url)

    assert response.status_code == 200
    assert "fewer than 5" in response.content.decode()


def test_the_weekly_bars_hold_the_floor_too():
    team = community()
    for user in members(team, 5):
        post(team, author=user)
    lonely = members(team, 1)[0]
    post(team, author=lonely, publish_at=timezone.now() - timedelta(days=10))

    weeks = community_health(team).weeks

    assert [week.posts for week in weeks] == [None, None, None, 5]
    assert weeks[-1].step == 100
