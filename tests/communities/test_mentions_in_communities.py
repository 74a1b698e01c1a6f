"""Mentions in communities: `@person` and `@équipe:slug` in a post or a comment notify, at
once, exactly the people named who may read it; a team mention reaches only the team's
members who belong to the community; nobody outside a closed or secret community hears of it."""

from __future__ import annotations

import pytest

from communities.models import Visibility
from communities.services.posts import publish_post
from core.conversations.services import post_comment
from core.models import OutboxTask
from core.outbox import run_stored_task
from notifications.models import Notification
from tests.communities.factories import community
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db


def run_notices() -> None:
    for row in OutboxTask.objects.filter(
        task_path="communities.tasks.deliver_notices", finished_at__isnull=True
    ).order_by("pk"):
        assert run_stored_task(row.pk) == "done", row.last_error


def mentioned(key_start: str = "communities:mention:") -> set[str]:
    return set(
        Notification.objects.filter(key__startswith=key_start).values_list(
            "recipient__username", flat=True
        )
    )


@pytest.fixture
def people(db):
    support = TeamFactory(name="Support", slug="support")
    return {
        "author": person(username="auteur"),
        "member": person(username="membre"),
        "outsider": person(username="dehors"),
        "team_in": person(username="equipier-dedans", team=support),
        "team_out": person(username="equipier-dehors", team=support),
    }


def write(where, author, body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = publish_post(community=where, author=author, kind="post", title="", body=body)
    run_notices()
    return made


def test_in_a_closed_community_only_its_members_hear_of_a_mention(
    people, django_capture_on_commit_callbacks
):
    closed = community(
        visibility=Visibility.CLOSED,
        members=[people["author"], people["member"], people["team_in"]],
    )

    write(
        closed,
        people["author"],
        "Merci @membre, @dehors, @auteur et @équipe:support !",
        django_capture_on_commit_callbacks,
    )

    assert mentioned() == {"membre", "equipier-dedans"}


def test_in_an_open_community_a_person_named_hears_of_it_but_a_team_only_inside(
    people, django_capture_on_commit_callbacks
):
    open_one = community(visibility=Visibility.OPEN, members=[people["author"], people["team_in"]])

    write(
        open_one,
        people["author"],
        "@dehors, regarde ce que l'@équipe:support propose",
        django_capture_on_commit_callbacks,
    )

    assert mentioned() == {"dehors", "equipier-dedans"}


def test_a_comment_mention_notifies_and_the_post_shows_the_mention_as_a_link(
    people, client, django_capture_on_commit_callbacks
):
    place = community(members=[people["author"], people["member"]])
    made = write(place, people["author"], "Bonjour @membre", django_capture_on_commit_callbacks)
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(author=people["member"], target=made, body="Merci @auteur")
    run_notices()
    client.force_login(people["outsider"])
    page = client.get(made.get_absolute_url()).content.decode()

    assert mentioned("communities:mention:comment:") == {"auteur"}
    assert 'href="/people/membre/"' in page and "mention" in page
