"""Ambassadors: communicators see the people who opted in, with their reach across teams
(people of how many teams interacted with what they shared), and never anyone else."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities.models import Post
from core.conversations.models import Comment, Conversation, Reaction
from ideas.models import Idea, Vote
from insights.ambassadors import ambassadors_by_reach
from tests.communities.factories import community, post
from tests.ideas.factories import challenge, idea
from tests.insights.factories import communicator
from tests.intranet.factories import dated
from tests.people.factories import TeamFactory, kudos, person

pytestmark = pytest.mark.django_db

URL = "/insights/ambassadors/"


def conversation(target) -> Conversation:
    return Conversation.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )[0]


def comment(target, author, *, parent=None, when=None) -> Comment:
    made = Comment.objects.create(
        conversation=conversation(target), author=author, body="Bravo", parent=parent
    )
    return dated(made, when) if when else made


def react(target, user, *, when=None) -> Reaction:
    made = Reaction.objects.create(conversation=conversation(target), user=user, kind="like")
    return dated(made, when) if when else made


def people_of_teams(count: int) -> list:
    """One person in each of `count` new teams."""
    return [person(team=TeamFactory()) for _ in range(count)]


def test_reach_counts_distinct_teams_of_everyone_who_interacted():
    ambassador = person(is_ambassador=True, team=TeamFactory())
    shared_idea = idea(challenge(), author=ambassador)
    shared_post = post(community(), author=ambassador)
    same_team = TeamFactory()
    first, second = person(team=same_team), person(team=same_team)
    others = people_of_teams(4)

    comment(shared_idea, first)
    react(shared_idea, second)  # same team as `first`: one team, two people
    react(shared_post, others[0])
    comment(shared_post, others[1])
    Vote.objects.create(idea=shared_idea, user=others[2], challenge=shared_idea.challenge)
    their_comment = comment(shared_post, ambassador)
    comment(shared_post, others[3], parent=their_comment)
    kudos(person(team=same_team), ambassador)
    react(shared_idea, ambassador)  # themselves: never counted

    [found] = ambassadors_by_reach()

    assert found.profile == ambassador.profile
    assert (found.teams, found.people, found.shown) == (5, 7, True)


def test_old_interactions_and_anonymous_ideas_do_not_count():
    ambassador = person(is_ambassador=True)
    anonymous_idea = idea(challenge(), author=ambassador, anonymous=True)
    shared_post = post(community(), author=ambassador)
    long_ago = timezone.now() - timedelta(days=91)
    for reader in people_of_teams(5):
        react(anonymous_idea, reader)
        comment(shared_post, reader, when=long_ago)

    [found] = ambassadors_by_reach()

    assert (found.people, found.teams, found.shown) == (0, 0, False)


def test_below_the_floor_no_figure_is_shown():
    ambassador = person(is_ambassador=True)
    shared_post = post(community(), author=ambassador)
    for reader in people_of_teams(4):
        react(shared_post, reader)

    [found] = ambassadors_by_reach()

    assert not found.shown and found.people == 0 and found.teams == 0


def test_only_people_who_opted_in_are_listed_widest_reach_first(client):
    wide = person(is_ambassador=True, first_name="Anna", last_name="Large")
    narrow = person(is_ambassador=True, first_name="Bruno", last_name="Étroit")
    quiet = person(is_ambassador=True, first_name="Chloé", last_name="Silencieuse")
    popular = person(first_name="Denis", last_name="NonVolontaire")
    wide_post, narrow_post = post(community(), author=wide), post(community(), author=narrow)
    popular_post = post(community(), author=popular)
    readers = people_of_teams(8)
    for reader in readers:
        react(wide_post, reader)
        react(popular_post, reader)
    shared_team = TeamFactory()
    for _ in range(5):
        react(narrow_post, person(team=shared_team))
    gone = person(is_ambassador=True, last_name="Parti", is_active=False)
    react(post(community(), author=gone), readers[0])

    assert [a.profile.user for a in ambassadors_by_reach()] == [wide, narrow, quiet]

    client.force_login(communicator())
    page = client.get(URL).content.decode()
    assert page.index("Anna Large") < page.index("Bruno Étroit") < page.index("Chloé")
    assert "NonVolontaire" not in page and "Parti" not in page
    assert "Moins de 5 personnes" in page  # Chloé's figures


def test_with_team_breakdowns_off_only_people_are_counted(client, settings):
    settings.INSIGHTS_TEAM_BREAKDOWNS = False
    ambassador = person(is_ambassador=True)
    shared_post = post(community(), author=ambassador)
    for reader in people_of_teams(5):
        react(shared_post, reader)

    [found] = ambassadors_by_reach()

    assert found.teams is None and found.people == 5
    client.force_login(communicator())
    page = client.get(URL).content.decode()  # in French, the site's language
    assert "Équipes touchées" not in page and "Personnes touchées" in page


def test_only_communicators_open_the_page(client):
    person(is_ambassador=True, last_name="Volontaire")
    client.force_login(person())
    assert client.get(URL).status_code == 403
    client.force_login(person(groups=["Managers"]))
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302

    client.force_login(communicator())
    response = client.get(URL)
    assert response.status_code == 200 and "Volontaire" in response.content.decode()
    assert "Ambassadeurs et ambassadrices" in response.content.decode()


def test_the_reach_is_three_queries_however_many_people():
    """The reach, the profiles, and whether team breakdowns are allowed (insights.privacy)."""

    def build(ambassadors: int, readers: int) -> None:
        team = TeamFactory()
        for _ in range(ambassadors):
            ambassador = person(is_ambassador=True, team=team)
            shared_idea = idea(challenge(), author=ambassador)
            shared_post = post(community(), author=ambassador)
            for reader in people_of_teams(readers):
                react(shared_post, reader)
                comment(shared_idea, reader)
                kudos(reader, ambassador)

    def queries() -> int:
        ambassadors_by_reach()  # content types cached, as in a running site
        with CaptureQueriesContext(connection) as captured:
            ambassadors_by_reach()
        return len(captured)

    build(2, 5)
    few = queries()
    build(6, 8)

    assert few == queries() == 3
    assert len(ambassadors_by_reach()) == 8
    assert Idea.objects.count() == Post.objects.count() == 8


def test_the_page_is_a_constant_number_of_queries(client):
    client.force_login(communicator())

    def add_ambassadors(count: int) -> None:
        for _ in range(count):
            ambassador = person(is_ambassador=True, team=TeamFactory())
            for reader in people_of_teams(5):
                react(post(community(), author=ambassador), reader)

    def queries() -> int:
        client.get(URL)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    add_ambassadors(2)
    few = queries()
    add_ambassadors(6)

    # The signed-in page's own, the two of the reach and the works-council switches (one read);
    # the reader's permissions and unread count come from the cache.
    assert queries() == few == 8
