"""The SQL cost of each main page, for a signed-in employee: an exact number of queries,
the same for a small and a larger data set (no query per item of a list).

Each test builds the page's world twice as big the second time and asserts the same count
both times; a change that saves queries lowers the constant here, one that adds a query per
item fails. Every page is read once first: the session, Wagtail's site root paths and the
reader's caches are warm, as they are for someone browsing.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities.services.follows import follow
from ideas.models import StatusChange, Vote
from news.models import Question
from tests.communities.factories import community, event, join, poll, post, signed_in
from tests.conversations.factories import comment_on, reaction_on
from tests.ideas.factories import challenge, idea
from tests.intranet.factories import home_page, publish_standard_page
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import TeamFactory, kudos, person

pytestmark = pytest.mark.django_db

# The exact cost of each page (a query for the session and the user, then the page's own
# reads); see each test for what its lists hold. The site of the host (intranet/sites.py),
# the header's menu, the unread badge (notifications/unread.py) and the reader's permissions
# and groups (core/permission_cache.py) come from the cache once warm.
HOME = 36
NEWS_INDEX = 17
NEWS_PAGE = 26
LEADERSHIP_UPDATE = 22
CHALLENGE_PAGE = 22
IDEA_PAGE = 14
COMMUNITY_PAGE = 18
PROFILE_PAGE = 10
PEOPLE_DIRECTORY = 10
SEARCH_PAGE = 14

SIZES = [2, 12]


def read(client, url: str, queries: int, assert_num_queries, **params) -> None:
    """Read the page once to warm its caches, then assert the queries of the second read."""
    assert client.get(url, params).status_code == 200
    with assert_num_queries(queries):
        response = client.get(url, params)
    assert response.status_code == 200


@pytest.fixture
def team():
    return TeamFactory(name="Informatique")


@pytest.fixture
def reader(team):
    """A signed-in employee of a team, who follows someone and belongs to a community."""
    sections()
    return person(username="lectrice", first_name="Léa", last_name="Martin", team=team)


def engage(target, count: int) -> None:
    """`count` people react twice and comment, each comment with a reply."""
    for number in range(count):
        someone = person()
        reaction_on(target, user=someone, kind="like")
        reaction_on(target, user=someone, kind="celebrate")
        top = comment_on(target, author=someone, body=f"Commentaire {number}")
        comment_on(target, author=person(), body="Réponse", parent=top)


def home_world(reader, team, size: int) -> None:
    mine, other = community(members=[reader]), community()
    friend = person(team=team)
    follow(user=reader, target=friend)
    follow(user=reader, target=other)
    campaign = challenge(owner=person(), phase="open")
    for number in range(size):
        post(mine, title=f"Billet {number}").tags.add("cuisine")
        post(other, author=friend, title=f"Autre {number}")
        publish_news(title=f"Nouvelle {number}", audience=[team] if number % 2 else [])
        publish_update(title=f"Mot {number}")
        mine_idea = idea(campaign, author=reader, title=f"Idée {number}")
        StatusChange.objects.create(
            idea=mine_idea, from_status="submitted", to_status="selected", message="Oui"
        )
        kudos(friend, reader)
        event(mine, in_days=1 + number, title=f"Atelier {number}")
        Question.objects.create(author=person(), body=f"Question {number}", anonymous=number % 2)


@pytest.mark.parametrize("size", SIZES)
def test_the_home_page_costs_the_same_queries_whatever_the_volume_of_its_feed(
    client, reader, team, size, django_assert_num_queries
):
    home_world(reader, team, size)
    signed_in(client, reader)

    read(client, "/", HOME, django_assert_num_queries)


@pytest.mark.parametrize("size", SIZES)
def test_the_news_index_costs_the_same_queries_whatever_the_number_of_news(
    client, reader, team, size, django_assert_num_queries
):
    for number in range(size):
        publish_news(
            title=f"Actualité {number}",
            audience=[team, TeamFactory()] if number % 2 else [],
            tags=[f"tag-{number}", "commun"],
            author=person().profile,
            category="RH" if number % 2 else "Sites",
        )
    signed_in(client, reader)

    read(client, "/actualites/", NEWS_INDEX, django_assert_num_queries)


@pytest.mark.parametrize("size", SIZES)
def test_the_news_page_costs_the_same_queries_whatever_its_comments_and_reactions(
    client, reader, team, size, django_assert_num_queries
):
    page = publish_news(
        title="Très commentée",
        tags=["a", "b"],
        author=person().profile,
        audience=[team],
        must_read=True,
        category="RH",
    )
    engage(page, size)
    signed_in(client, reader)

    read(client, page.url, NEWS_PAGE, django_assert_num_queries)


@pytest.mark.parametrize("size", SIZES)
def test_the_leadership_update_costs_the_same_queries_whatever_its_questions_and_comments(
    client, reader, size, django_assert_num_queries
):
    update = publish_update(author=person().profile, tags=["direction"])
    engage(update, size)
    for number in range(size):
        question = Question.objects.create(
            update=update, author=person(), body=f"Question {number} ?", anonymous=number % 2
        )
        if number % 3 == 0:
            Question.objects.filter(pk=question.pk).update(
                status="answered", answer="Oui.", answered_by=update.author
            )
    Question.objects.create(update=update, author=reader, body="La mienne ?")
    signed_in(client, reader)

    read(client, update.url, LEADERSHIP_UPDATE, django_assert_num_queries)


def challenge_world(size: int):
    campaign = challenge(owner=person(), phase="open", allow_anonymous_ideas=True)
    voters = [person() for _ in range(3)]
    for number in range(size):
        made = idea(
            campaign,
            title=f"Idée {number}",
            author=person(),
            anonymous=number % 2 == 0,
        )
        made.tags.set([f"tag{number}", "commun"])
        for voter in voters:
            Vote.objects.create(idea=made, user=voter, challenge=campaign)
        comment_on(made, author=voters[0], body="Bonne idée")
    return campaign


@pytest.mark.parametrize("size", SIZES)
def test_the_challenge_page_costs_the_same_queries_whatever_its_ideas_and_votes(
    client, reader, size, django_assert_num_queries
):
    campaign = challenge_world(size)
    signed_in(client, reader)

    read(client, campaign.url, CHALLENGE_PAGE, django_assert_num_queries)


@pytest.mark.parametrize("size", SIZES)
def test_the_idea_page_costs_the_same_queries_whatever_its_votes_comments_and_history(
    client, reader, size, django_assert_num_queries
):
    campaign = challenge(owner=person(), phase="open")
    busy = idea(campaign, title="Très discutée", author=person())
    busy.tags.set(["papier", "impression"])
    engage(busy, size)
    for number in range(size):
        Vote.objects.create(idea=busy, user=person(), challenge=campaign)
        StatusChange.objects.create(
            idea=busy, from_status="submitted", to_status="under_review", message=f"Vu {number}"
        )
    signed_in(client, reader)

    read(client, busy.get_absolute_url(), IDEA_PAGE, django_assert_num_queries)


@pytest.mark.parametrize("size", SIZES)
def test_the_community_page_costs_the_same_queries_whatever_its_members_posts_and_events(
    client, reader, size, django_assert_num_queries
):
    place = community(animators=[person()], members=[reader], welcome_message="<p>Salut</p>")
    place.tags.set(["cuisine", "vélo"])
    for number in range(size):
        member = person()
        join(place, member)
        made = post(place, author=member, title=f"Billet {number}")
        made.tags.add("cuisine")
        comment_on(made, author=reader, body="Merci")
        reaction_on(made, user=member, kind="like")
        event(place, in_days=1 + number, title=f"Atelier {number}")
    poll(post(place, title="Sondage"))
    signed_in(client, reader)

    read(client, place.get_absolute_url(), COMMUNITY_PAGE, django_assert_num_queries)


@pytest.mark.parametrize("size", SIZES)
def test_a_profile_costs_the_same_queries_whatever_its_kudos_skills_and_reports(
    client, reader, team, size, django_assert_num_queries
):
    manager = person(team=team)
    someone = person(
        username="collegue",
        team=team,
        manager=manager,
        skills=[f"compétence {n}" for n in range(size)],
        languages=["anglais", "espagnol"],
        job_title="Analyste",
    )
    for _ in range(size):
        kudos(person(), someone)
        person(team=team, manager=someone)
    signed_in(client, reader)

    read(
        client,
        reverse("people:profile", args=["collegue"]),
        PROFILE_PAGE,
        django_assert_num_queries,
    )


@pytest.mark.parametrize("size", SIZES)
def test_the_directory_costs_the_same_queries_whatever_its_teams_and_people(
    client, reader, team, size, django_assert_num_queries
):
    teams = [TeamFactory(name=f"Équipe {n}", parent=team) for n in range(size)]
    for number in range(size * 3):
        person(
            team=teams[number % size],
            skills=[f"skill-{number}", "Python"],
            languages=["français"],
            location=f"Ville {number % 4}",
            job_title="Technicienne",
        )
    signed_in(client, reader)

    read(client, reverse("people:directory"), PEOPLE_DIRECTORY, django_assert_num_queries)


# The results of a search are read back per kind (thumbnails, URLs): the same kinds on the
# page cost the same queries however many results each kind has (4 × 5 fill the first page).
@pytest.mark.parametrize("size", [1, 4])
def test_the_search_page_costs_the_same_queries_whatever_the_number_of_results_of_each_kind(
    client, reader, team, size, reindex, django_assert_num_queries
):
    campaign = challenge(owner=person(), phase="open", title="Budget participatif")
    for number in range(size):
        publish_standard_page(title=f"Budget du site {number}", parent=home_page())
        publish_news(title=f"Budget {number}", audience=[team] if number % 2 else [])
        idea(campaign, title=f"Budget idée {number}")
        person(first_name="Budget", last_name=f"Personne{number}", team=team)
        post(community(name=f"Budget {number}"), title=f"Budget billet {number}")
    reindex()
    signed_in(client, reader)

    read(client, reverse("search"), SEARCH_PAGE, django_assert_num_queries, q="budget")
