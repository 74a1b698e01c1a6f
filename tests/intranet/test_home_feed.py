"""The personal home feed: what each person may read, mixed from news, posts of their
communities and follows, answers to their ideas, kudos and events; fresher and closer first;
paginated; a constant number of queries whatever the volume."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities.models import Visibility
from communities.services.follows import follow
from ideas.models import Follow as IdeaFollow
from ideas.models import StatusChange
from intranet.feed import PAGE_SIZE, feed_page
from tests.communities.factories import community, event, join, post
from tests.ideas.factories import challenge, idea
from tests.images import wagtail_image
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, kudos, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home")]


def kinds_and_titles(user, **options) -> list[tuple[str, str]]:
    return [(item.kind, str(item.obj)) for item in feed_page(user, **options).items]


def aged(made, hours: float):
    """Date a post as published `hours` ago."""
    type(made).objects.filter(pk=made.pk).update(publish_at=timezone.now() - timedelta(hours=hours))
    made.refresh_from_db()
    return made


def test_a_closed_or_secret_communitys_post_never_reaches_a_non_members_feed(client):
    member, outsider = person(), person()
    closed = community(visibility=Visibility.CLOSED, members=[member])
    secret = community(visibility=Visibility.SECRET, members=[member])
    follow(user=outsider, target=closed)  # following a closed community does not open it
    follow(user=outsider, target=member)
    post(closed, author=member, title="Réunion fermée")
    post(secret, author=member, title="Projet secret")

    assert {title for _kind, title in kinds_and_titles(member)} == {
        "Réunion fermée",
        "Projet secret",
    }
    assert kinds_and_titles(outsider) == []
    client.force_login(outsider)
    home = client.get("/").content.decode()
    assert "Réunion fermée" not in home and "Projet secret" not in home


def test_news_outside_my_audience_never_reaches_my_feed(client):
    sections()
    it, hr = TeamFactory(name="IT"), TeamFactory(name="RH")
    reader = person(team=hr)
    publish_news(title="Pour l'IT", audience=[it])
    publish_news(title="Pour tout le monde")

    assert kinds_and_titles(reader) == [("news", "Pour tout le monde")]
    client.force_login(reader)
    feed = client.get("/").content.decode().partition('id="feed-personal-title"')[2]
    assert "Pour tout le monde" in feed and "Pour l&#x27;IT" not in feed


def test_fresher_first_and_my_communities_before_others_at_equal_age():
    reader = person()
    mine, other = community(name="La mienne", members=[reader]), community(name="Une autre")
    aged(post(mine, title="Mienne d'hier"), 24)
    aged(post(mine, title="Mienne de ce matin"), 2)
    aged(post(other, title="Autre de ce matin"), 2)
    aged(post(other, title="Autre de la semaine dernière"), 24 * 8)

    assert [title for _kind, title in kinds_and_titles(reader)] == [
        "Mienne de ce matin",
        "Mienne d'hier",
        "Autre de ce matin",
        "Autre de la semaine dernière",
    ]


def test_followed_people_and_tags_come_before_what_i_merely_may_read():
    reader, colleague = person(), person()
    open_one = community()
    follow(user=reader, target=colleague)
    follow(user=reader, target="vélo")
    aged(post(open_one, title="Au hasard"), 1)
    aged(post(open_one, author=colleague, title="De ma collègue"), 3)
    tagged = aged(post(open_one, title="Étiquetée"), 3)
    tagged.tags.add("Vélo")

    titles = [title for _kind, title in kinds_and_titles(reader)]

    assert titles.index("De ma collègue") < titles.index("Au hasard")
    assert titles.index("Étiquetée") < titles.index("Au hasard")


def test_the_feed_mixes_answers_to_my_ideas_kudos_and_events_coming_up():
    reader, owner = person(), person()
    campaign = challenge(owner=owner, phase="open")
    mine, followed, unrelated = (
        idea(campaign, author=reader, title="Mon idée"),
        idea(campaign, title="Idée suivie"),
        idea(campaign, title="Autre idée"),
    )
    IdeaFollow.objects.create(user=reader, idea=followed)
    for target in (mine, followed, unrelated):
        StatusChange.objects.create(
            idea=target, from_status="submitted", to_status="selected", message="Oui"
        )
    kudos(person(), reader)
    mine_community = community(members=[reader])
    event(mine_community, in_days=2, title="Atelier de demain")
    event(mine_community, in_days=-2, title="Atelier passé")
    event(community(visibility=Visibility.CLOSED), in_days=2, title="Atelier fermé")

    found = kinds_and_titles(reader)

    assert sorted(kind for kind, _title in found) == ["event", "idea", "idea", "kudos"]
    assert ("event", "Atelier de demain") in found
    ideas = {item.obj.idea.title for item in feed_page(reader).items if item.kind == "idea"}
    assert ideas == {"Mon idée", "Idée suivie"}


def test_the_feed_is_paginated_with_a_see_more_link(client):
    reader = person()
    mine = community(members=[reader])
    author = person()
    join(mine, author)
    for number in range(PAGE_SIZE + 5):
        aged(post(mine, author=author, title=f"Billet {number:02d}"), number)
    client.force_login(reader)

    first = client.get("/").content.decode()
    second = client.get("/?page=2").content.decode()

    assert first.count('data-kind="post"') == PAGE_SIZE
    assert 'href="?page=2"' in first and "Billet 00" in first
    assert second.count('data-kind="post"') == 5
    assert "Billet 24" in second and "Billet 00" not in second
    assert 'href="?page=3"' not in second
    assert client.get("/?page=abc").status_code == 200


def fill(reader, size: int, cover=None) -> None:
    """Some of everything the feed reads, `size` times; with `cover`, the news, the events
    and the communities carry it (their thumbnails' renditions are read with the lists)."""
    sections()
    team = reader.profile.team
    mine, other = community(members=[reader], cover=cover), community(cover=cover)
    closed = community(visibility=Visibility.CLOSED)
    friend = person()
    follow(user=reader, target=friend)
    follow(user=reader, target="cuisine")
    follow(user=reader, target=other)
    campaign = challenge(owner=person(), phase="open")
    for number in range(size):
        post(mine, title=f"Mine {number}").tags.add("cuisine", "vélo")
        post(other, author=friend, title=f"Autre {number}").tags.add("cuisine")
        post(closed, title=f"Fermée {number}")
        publish_news(
            title=f"Nouvelle {number}",
            audience=[team] if number % 2 else [],
            cover_image=cover,
        )
        target = idea(campaign, author=reader, title=f"Idée {number}")
        StatusChange.objects.create(
            idea=target, from_status="submitted", to_status="selected", message="Oui"
        )
        kudos(friend, reader)
        event(mine, in_days=1 + number, title=f"Événement {number}", cover_image=cover)


def test_the_feed_and_the_home_page_run_the_same_queries_whatever_the_volume(
    client, django_assert_num_queries
):
    reader = person(team=TeamFactory(name="IT"))
    client.force_login(reader)
    cover = wagtail_image("Couverture", size=(400, 400))
    fill(reader, 2, cover)
    feed_page(type(reader).objects.get(pk=reader.pk))  # the site-wide caches are warm
    fresh = type(reader).objects.get(pk=reader.pk)  # nothing cached on it
    with django_assert_num_queries(FEED_QUERIES):
        feed_page(fresh)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/").status_code == 200

    fill(reader, 30, cover)
    feed_page(type(reader).objects.get(pk=reader.pk))
    fresh = type(reader).objects.get(pk=reader.pk)
    with django_assert_num_queries(FEED_QUERIES):
        page = feed_page(fresh)
    client.get("/")  # publishing clears the header's cached menu; the next read builds it
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    with CaptureQueriesContext(connection) as second_page:
        client.get("/?page=2")

    assert len(page.items) == PAGE_SIZE and page.has_next
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    assert len(second_page) <= len(many)


# Who the reader is: groups and pages closed to them (2), their teams (1: the chain of
# teams above theirs, people.selectors), follows (1), memberships (1), whether they are a
# guest (1); news and their audiences (2); posts: the candidates of every affinity (1), the
# posts of the page (1), their tags (1); ideas: moderator rights (3), teams again (1), the
# answers (1); kudos (1) and which of them a manager gave (2, people.manager_thanks); events
# (1), with the challenges' audience rule asked for the events that challenges host (the
# reader's teams again: 1); the renditions of the thumbnails, one query per list whatever
# its length (news, posts' communities, events: 3). A reader signed in for a request asks
# for their teams once (tests/performance/test_page_queries.py). The ids of the tags the
# reader follows come from the cache (intranet/followed_tags.py: read once, then kept until a
# tag is created, renamed or deleted), warmed by a first read as a person browsing has it.
FEED_QUERIES = 20 + 3
