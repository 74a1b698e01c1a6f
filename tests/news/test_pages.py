"""News and leadership pages as employees see them: listings, filters, privacy, feed."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from news.models import LeadershipUpdatePage, NewsIndexPage, NewsPage, Question
from tests.conversations.factories import comment_on, reaction_on
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import TeamFactory, UserFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def employee(db):
    sections()
    return person(username="camille", first_name="Camille")


@pytest.fixture
def client_of(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def restrict_to_group(page, group):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    return restriction


def test_the_index_pages_have_distinct_slugs_from_the_action_urls(employee):
    news_index = NewsIndexPage.objects.get()
    assert news_index.url == "/actualites/"
    assert news_index.get_parent().specific.url == "/"


def test_the_news_index_lists_published_news_newest_first(employee, client_of):
    publish_news(title="Première")
    publish_news(title="Seconde")
    draft = publish_news(title="Brouillon")
    draft.unpublish()

    html = client_of(employee).get("/actualites/").content.decode()

    assert html.index("Seconde") < html.index("Première")
    assert "Brouillon" not in html


def test_a_screen_reader_reaches_each_news_of_the_index_one_heading_level_below_its_title(
    employee, client_of
):
    publish_news(title="Première")

    html = client_of(employee).get("/actualites/").content.decode()

    assert re.search(r"<h2><a href=\"[^\"]+\">Première</a></h2>", html)
    assert "<h3>" not in html.split('class="card-list news-list"')[1].split("</ul>")[0]


def test_the_listing_filters_by_category_tag_team_and_date(employee, client_of):
    it = TeamFactory(name="IT")
    publish_news(title="Sur la sécurité", category="IT", tags=["sécurité"], audience=[it])
    publish_news(title="Sur la paie", category="RH", tags=["paie"])
    client = client_of(employee)

    assert "Sur la paie" not in client.get("/actualites/?category=IT").content.decode()
    assert "Sur la sécurité" in client.get("/actualites/?category=IT").content.decode()
    assert "Sur la sécurité" not in client.get("/actualites/?tag=paie").content.decode()
    assert "Sur la paie" not in client.get(f"/actualites/?team={it.pk}").content.decode()
    assert "Sur la paie" not in client.get("/actualites/?since=2999-01-01").content.decode()
    assert "Sur la paie" in client.get("/actualites/?until=2999-01-01&since=bad").content.decode()


def test_the_listing_is_paginated(employee, client_of):
    for number in range(14):
        publish_news(title=f"Actualité numéro {number:02d}")
    client = client_of(employee)

    first = client.get("/actualites/").content.decode()
    second = client.get("/actualites/?page=2").content.decode()

    assert "Actualité numéro 13" in first and "Actualité numéro 00" not in first
    assert "Actualité numéro 00" in second


def test_group_restricted_news_is_hidden_from_listing_and_feed_of_non_members(employee, client_of):
    hr = Group.objects.create(name="RH confidentiel")
    secret = publish_news(title="Réorganisation confidentielle")
    restrict_to_group(secret, hr)
    publish_news(title="Pour tous")
    client = client_of(employee)

    listing = client.get("/actualites/").content.decode()
    feed = client.get("/news/feed/").content.decode()
    page = client.get(secret.url)

    assert "Pour tous" in listing and "Réorganisation confidentielle" not in listing
    assert "Pour tous" in feed and "Réorganisation confidentielle" not in feed
    assert page.status_code == 302 and "/login/" in page["Location"]  # Wagtail refuses it
    assert "Réorganisation confidentielle" not in client.get("/").content.decode()

    employee.groups.add(hr)
    assert "Réorganisation confidentielle" in client.get("/actualites/").content.decode()
    assert "Réorganisation confidentielle" in client.get("/news/feed/").content.decode()


def test_password_restricted_news_never_appears_in_listings(employee, client_of):
    secret = publish_news(title="Derrière un mot de passe")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    html = client_of(employee).get("/actualites/").content.decode()

    assert "Derrière un mot de passe" not in html


def test_the_atom_feed_is_atom_and_needs_a_session(employee, client, client_of):
    publish_news(title="Dans le flux", intro="En bref")

    assert client.get("/news/feed/").status_code == 302
    response = client_of(employee).get("/news/feed/")

    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>Dans le flux</title>" in response.content.decode()


def test_a_news_page_shows_body_author_tags_and_escapes_titles(employee, client_of):
    author = person(first_name="Élise", last_name="Bernard")
    page = publish_news(
        title="<script>alert(1)</script>",
        body_html="<p>Le corps du texte.</p>",
        author=author.profile,
        tags=["RH"],
    )

    html = client_of(employee).get(page.url).content.decode()

    assert "Le corps du texte." in html
    assert "Élise Bernard" in html
    assert "<script>alert(1)</script>" not in html


def _engage(page, count):
    for number in range(count):
        user = UserFactory()
        reaction_on(page, user=user, kind="like")
        reaction_on(page, user=user, kind="celebrate")
        top = comment_on(page, author=user, body=f"Commentaire {number}")
        comment_on(page, author=user, body="Réponse", parent=top)


def _queries(client, url):
    """The queries of a second read: the first builds what is cached (the header's menu)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_news_page_runs_a_constant_number_of_queries(employee, client_of):
    page = publish_news(title="Très commentée", tags=["a", "b"], author=employee.profile)
    client = client_of(employee)
    _engage(page, 2)
    few = _queries(client, page.url)

    _engage(page, 25)
    many = _queries(client, page.url)

    assert many == few


def test_the_leadership_update_page_runs_a_constant_number_of_queries(employee, client_of):
    update = publish_update(author=employee.profile)
    client = client_of(employee)
    _engage(update, 2)
    Question.objects.create(update=update, author=employee, body="Q ?")
    few = _queries(client, update.url)

    _engage(update, 20)
    for number in range(20):
        Question.objects.create(
            update=update, author=UserFactory(), body=f"Q {number} ?", anonymous=number % 2 == 0
        )
    many = _queries(client, update.url)

    assert many == few


def test_the_home_page_runs_a_constant_number_of_queries(employee, client_of):
    team = TeamFactory()
    employee.profile.team = team
    employee.profile.save()
    client = client_of(employee)
    publish_news(title="Une", audience=[team], must_read=True)
    publish_update()
    Question.objects.create(author=UserFactory(), body="Première question")
    client.get("/")  # Wagtail caches the site's root paths (one per locale) once
    few = _queries(client, "/")

    for number in range(8):
        publish_news(title=f"Actualité {number}", audience=[team, TeamFactory()], must_read=True)
        publish_update(title=f"Mise à jour {number}")
        Question.objects.create(author=UserFactory(), body=f"Q {number}", anonymous=True)
    client.get("/")  # publishing clears the header's cached menu; this read builds it again
    many = _queries(client, "/")

    assert many == few


def test_page_models_sit_under_their_index():
    assert NewsPage.parent_page_types == ["news.NewsIndexPage"]
    assert LeadershipUpdatePage.parent_page_types == ["news.LeadershipIndexPage"]


def test_the_news_page_speaks_french_by_default(employee, client_of):
    page = publish_news(title="En français", must_read=True)

    html = client_of(employee).get(page.url).content.decode()

    assert "Commentaires" in html and "J'ai lu" in html
    assert "Lecture obligatoire" in html


def test_the_news_index_runs_a_constant_number_of_queries(employee, client_of):
    client = client_of(employee)
    publish_news(title="Seule", audience=[TeamFactory()], tags=["x"], author=employee.profile)
    client.get("/actualites/")  # Wagtail caches the site's root paths (one per locale) once
    few = _queries(client, "/actualites/")

    for number in range(11):
        publish_news(
            title=f"Actualité {number}",
            audience=[TeamFactory(), TeamFactory()],
            author=person().profile,
        )
    client.get("/actualites/")  # publishing clears the header's cached menu
    many = _queries(client, "/actualites/")

    assert many == few
