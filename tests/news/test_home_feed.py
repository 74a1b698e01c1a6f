"""The employee's home feed: their teams' news, news for everyone, leadership, questions."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from news.selectors import home_feed
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    sections()
    it = TeamFactory(name="IT")
    return {"it": it, "support": TeamFactory(name="Support", parent=it), "rh": TeamFactory()}


def test_news_addressed_to_a_team_reaches_its_members_and_sub_teams_only(client, org):
    supporter = person(username="support", team=org["support"])
    hr = person(username="hr", team=org["rh"])
    publish_news(title="Pour l'IT", audience=[org["it"]])
    publish_news(title="Pour tout le monde")

    assert [page.title for page in home_feed(supporter).news] == [
        "Pour tout le monde",
        "Pour l'IT",
    ]
    assert [page.title for page in home_feed(hr).news] == ["Pour tout le monde"]

    client.force_login(hr)
    home = client.get("/").content.decode()
    assert "Pour tout le monde" in home and "Pour l&#x27;IT" not in home
    # Others may still read it in the listing: reading follows page privacy, not audience.
    assert "Pour l&#x27;IT" in client.get("/actualites/").content.decode()


def test_news_addressed_to_several_of_ones_teams_is_listed_once(client, org):
    supporter = person(username="support", team=org["support"])
    news = publish_news(title="Pour l'IT et le support", audience=[org["it"], org["support"]])
    must_read = publish_news(title="À lire", audience=[org["it"], org["support"]], must_read=True)

    feed = home_feed(supporter)
    assert [page.pk for page in feed.news] == [must_read.pk, news.pk]
    assert [page.pk for page in feed.must_reads] == [must_read.pk]
    client.force_login(supporter)
    listing = client.get("/actualites/").content.decode()
    assert listing.count(news.url) == 1 and listing.count(must_read.url) == 1


def test_featured_news_comes_first(org):
    camille = person(username="camille")
    publish_news(title="À la une", featured=True)
    publish_news(title="Plus récente")

    assert [page.title for page in home_feed(camille).news] == ["À la une", "Plus récente"]


def test_private_news_and_updates_stay_out_of_the_feed_of_those_who_cannot_open_them(org):
    camille = person(username="camille")
    board = Group.objects.create(name="Comité")
    news = publish_news(title="Privée", must_read=True)
    update = publish_update(title="Réservée")
    for page in (news, update):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([board])

    feed = home_feed(camille)
    assert not feed.news and not feed.must_reads and not feed.leadership_updates

    camille.groups.add(board)
    feed = home_feed(camille)
    assert [page.title for page in feed.must_reads] == ["Privée"]
    assert [page.title for page in feed.leadership_updates] == ["Réservée"]


def test_the_feed_lists_the_latest_leadership_updates(client, org):
    camille = person(username="camille")
    publish_update(title="Premier mot")
    publish_update(title="Deuxième mot")
    client.force_login(camille)

    html = client.get("/").content.decode()

    assert html.index("Deuxième mot") < html.index("Premier mot")


def test_the_feed_reads_who_the_reader_is_once_whatever_the_number_of_items(
    org, django_assert_max_num_queries
):
    """Privacy and teams are read once for the four lists: 11 queries, not one set per list."""
    from news.models import Question

    reader = person(username="support", team=org["support"])
    board = Group.objects.create(name="Comité")
    restriction = PageViewRestriction.objects.create(
        page=publish_update(title="Réservée"), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([board])

    def add_items(count):
        for number in range(count):
            publish_news(title=f"Pour l'IT {number}", audience=[org["it"]], must_read=True)
            publish_news(title=f"Pour tous {number}", must_read=number % 2 == 0)
            publish_update(title=f"Mot {number}")
            Question.objects.create(author=person(), body=f"Question {number} ?")

    add_items(1)
    with django_assert_max_num_queries(11):
        home_feed(reader)
    add_items(6)
    with django_assert_max_num_queries(11):
        feed = home_feed(reader)
    assert len(feed.news) == 6 and len(feed.must_reads) == 5 and len(feed.questions) == 5
