"""Animators see the posts scheduled in their community, soonest first, with a link to edit
each; members do not (403), nor does anyone who may not read the community (404)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import Visibility
from tests.communities.factories import community, post, signed_in
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def kitchen(db):
    animator, member = person(username="anim"), person(username="membre")
    where = community(name="Cuisine", animators=[animator], members=[member])
    soon = timezone.now() + timedelta(days=1)
    return {
        "community": where,
        "animator": animator,
        "member": member,
        "later": post(
            where, author=animator, title="Dans une semaine", publish_at=soon + timedelta(days=6)
        ),
        "soon": post(where, author=member, title="Demain", publish_at=soon),
        "published": post(where, author=member, title="Déjà paru"),
        "url": reverse("communities:scheduled_posts", args=[where.slug]),
    }


def test_an_animator_sees_the_scheduled_posts_soonest_first_with_their_edit_links(client, kitchen):
    elsewhere = community(name="Ailleurs", animators=[kitchen["animator"]])
    post(elsewhere, title="Autre communauté", publish_at=timezone.now() + timedelta(days=2))

    response = signed_in(client, kitchen["animator"]).get(kitchen["url"])

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Demain") < html.index("Dans une semaine")
    assert "Déjà paru" not in html and "Autre communauté" not in html
    for scheduled in (kitchen["soon"], kitchen["later"]):
        edit = reverse("communities:edit_post", args=[kitchen["community"].slug, scheduled.pk])
        assert f'href="{edit}"' in html


def test_the_community_page_links_animators_to_the_list_and_no_one_else(client, kitchen):
    page = kitchen["community"].get_absolute_url()

    as_animator = signed_in(client, kitchen["animator"]).get(page).content.decode()
    as_member = signed_in(client, kitchen["member"]).get(page).content.decode()

    assert f'href="{kitchen["url"]}"' in as_animator
    assert f'href="{kitchen["url"]}"' not in as_member


def test_members_are_refused_and_non_readers_of_a_secret_community_find_nothing(client, kitchen):
    secret = community(name="Projet", visibility=Visibility.SECRET, animators=[kitchen["animator"]])
    secret_url = reverse("communities:scheduled_posts", args=[secret.slug])

    assert signed_in(client, kitchen["member"]).get(kitchen["url"]).status_code == 403
    assert signed_in(client, kitchen["member"]).get(secret_url).status_code == 404
    assert signed_in(client, kitchen["animator"]).get(secret_url).status_code == 200


def test_once_its_time_has_come_a_post_leaves_the_list(client, kitchen):
    kitchen["soon"].publish_at = timezone.now() - timedelta(minutes=1)
    kitchen["soon"].save(update_fields=["publish_at"])

    html = signed_in(client, kitchen["animator"]).get(kitchen["url"]).content.decode()

    assert "Demain" not in html and "Dans une semaine" in html


def test_the_list_costs_the_same_queries_with_two_or_twenty_posts(client, kitchen):
    signed_in(client, kitchen["animator"])
    client.get(kitchen["url"])
    with CaptureQueriesContext(connection) as few:
        client.get(kitchen["url"])
    for day in range(18):
        post(
            kitchen["community"],
            author=kitchen["member"],
            title=f"Jour {day}",
            publish_at=timezone.now() + timedelta(days=10 + day),
        )

    with CaptureQueriesContext(connection) as many:
        html = client.get(kitchen["url"]).content.decode()

    assert "Jour 17" in html
    assert len(many) == len(few)
