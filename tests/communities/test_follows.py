"""Following communities, colleagues and tags: who may follow what, once, and the pages that
do it without JavaScript."""

from __future__ import annotations

import pytest

from communities.models import Community, Follow, Visibility
from communities.selectors.follows import follows_of
from communities.services.follows import CannotFollow, follow, unfollow
from communities.signals import member_joined
from tests.communities.factories import community, join
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def test_following_twice_keeps_one_follow_and_unfollowing_removes_it():
    camille, open_one = person(), community()

    first = follow(user=camille, target=open_one)
    again = follow(user=camille, target=open_one)

    assert first.pk == again.pk
    assert Follow.objects.filter(user=camille).count() == 1
    assert unfollow(user=camille, target=open_one) is True
    assert unfollow(user=camille, target=open_one) is False
    assert not Follow.objects.filter(user=camille).exists()


def test_a_secret_community_cannot_be_followed_by_someone_who_cannot_see_it():
    outsider, member = person(), person()
    secret = community(visibility=Visibility.SECRET, members=[member])

    with pytest.raises(CannotFollow):
        follow(user=outsider, target=secret)
    follow(user=member, target=secret)

    assert list(Follow.objects.values_list("user_id", flat=True)) == [member.pk]


def test_a_closed_community_may_be_followed_by_anyone_who_sees_it():
    outsider = person()
    closed = community(visibility=Visibility.CLOSED)

    follow(user=outsider, target=closed)

    assert closed in follows_of(outsider)


def test_only_active_colleagues_other_than_oneself_are_followed():
    camille, dominique = person(), person()
    gone = person(is_active=False)

    follow(user=camille, target=dominique)
    for refused in (gone, camille):
        with pytest.raises(CannotFollow):
            follow(user=camille, target=refused)

    assert list(Follow.objects.values_list("person_id", flat=True)) == [dominique.pk]


def test_tags_are_followed_lower_case_and_trimmed():
    camille = person()

    follow(user=camille, target="  #Cuisine ")
    follow(user=camille, target="cuisine")
    with pytest.raises(CannotFollow):
        follow(user=camille, target=" # ")

    assert list(Follow.objects.values_list("tag", flat=True)) == ["cuisine"]
    assert "CUISINE" in follows_of(camille)


def test_joining_a_community_follows_it():
    camille, open_one = person(), community()
    join(open_one, camille)

    member_joined.send(sender=Community, community=open_one, user=camille)

    assert Follow.objects.filter(user=camille, community=open_one).exists()


def test_the_follow_button_follows_then_unfollows_and_says_so(client):
    camille, open_one = person(), community(name="Jardinage")
    client.force_login(camille)

    response = client.post(
        "/communities/follow/", {"community": open_one.slug, "next": "/communities/following/"}
    )
    assert response.status_code == 302 and response["Location"] == "/communities/following/"
    page = client.get("/communities/following/").content.decode()
    assert "Jardinage" in page and 'aria-pressed="true"' in page

    client.post("/communities/follow/", {"community": open_one.slug, "action": "unfollow"})
    assert not Follow.objects.filter(user=camille).exists()


def test_the_follow_form_answers_not_found_for_a_secret_community_and_ignores_foreign_next(
    client,
):
    camille = person()
    secret = community(visibility=Visibility.SECRET)
    client.force_login(camille)

    assert client.post("/communities/follow/", {"community": secret.slug}).status_code == 404
    assert client.post("/communities/follow/", {"person": "nobody"}).status_code == 404
    response = client.post("/communities/follow/", {"tag": "vélo", "next": "https://evil.example/"})
    assert response["Location"] == "/communities/following/"
    assert Follow.objects.get(user=camille).tag == "vélo"


def test_what_i_follow_lists_communities_people_and_tags_and_hides_a_community_gone_secret(
    client,
):
    camille = person()
    dominique = person(first_name="Dominique", last_name="Lemoine")
    open_one, later_secret = community(name="Vélo"), community(name="Projet X")
    for target in (open_one, later_secret, dominique, "rgpd"):
        follow(user=camille, target=target)
    Community.objects.filter(pk=later_secret.pk).update(visibility=Visibility.SECRET)
    client.force_login(camille)

    page = client.get("/communities/following/").content.decode()

    assert "Vélo" in page and "Dominique Lemoine" in page and "#rgpd" in page
    assert "Projet X" not in page
    assert page.count('aria-pressed="true"') == 3
