"""Comments and replies show their mentions as links (the kernel's body renderers,
core/rendering.py, where `people` registers its mention links): `@someone` links to their
profile, a name nobody has stays text, and what a person typed as HTML is never markup."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.conversations.services import post_comment, report
from core.rendering import render_bodies
from tests.communities.factories import community, post, signed_in
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def kitchen(db):
    """An open community with a post, its author, a member, and Camille to mention."""
    author, member = person(username="auteur"), person(username="membre")
    camille = person(username="camille.martin", first_name="Camille", last_name="Martin")
    where = community(name="Cuisine", members=[author, member])
    return {
        "post": post(where, author=author, title="Le four"),
        "author": author,
        "member": member,
        "camille": camille,
    }


def page_of(client, user, url: str) -> str:
    response = signed_in(client, user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_comment_and_a_reply_mentioning_someone_link_to_their_profile(client, kitchen):
    comment = post_comment(
        author=kitchen["member"], target=kitchen["post"], body="Demande à @camille.martin !"
    )
    post_comment(
        author=kitchen["author"],
        target=kitchen["post"],
        body="Et à @équipe:support aussi",
        parent=comment,
    )
    TeamFactory(name="Support", slug="support")

    html = page_of(client, kitchen["member"], kitchen["post"].get_absolute_url())

    assert (
        '<a class="mention mention--person" href="/people/camille.martin/">@camille.martin</a>'
        in html
    )
    assert '<a class="mention mention--team" href="/people/teams/support/">@équipe:support</a>' in (
        html
    )


def test_a_name_nobody_has_stays_text(client, kitchen):
    post_comment(author=kitchen["member"], target=kitchen["post"], body="Merci @personne !")

    html = page_of(client, kitchen["member"], kitchen["post"].get_absolute_url())

    assert "Merci @personne !" in html
    assert "mention--" not in html


def test_html_typed_in_a_rich_comment_is_never_markup(client, kitchen):
    post_comment(
        author=kitchen["member"],
        target=kitchen["post"],
        body='<p onclick="x()">Voir @camille.martin</p><script>alert(1)</script>',
    )

    html = page_of(client, kitchen["member"], kitchen["post"].get_absolute_url())

    assert "<script>alert(1)</script>" not in html
    assert "onclick" not in html
    assert 'href="/people/camille.martin/">@camille.martin</a>' in html


def test_html_in_a_plain_text_comment_is_escaped_and_its_mentions_linked(client, kitchen):
    sections()
    news = publish_news(title="La cantine")
    post_comment(
        author=kitchen["member"],
        target=news,
        body='<b>gras</b> <a href="https://evil.example">ici</a>\n@camille.martin',
    )

    html = page_of(client, kitchen["member"], news.url)

    assert "&lt;b&gt;gras&lt;/b&gt;" in html
    assert '<a href="https://evil.example">' not in html
    assert '<br><a class="mention mention--person" href="/people/camille.martin/">' in html


def test_the_moderation_queue_shows_reported_comments_as_the_threads_do(admin_client, kitchen):
    sections()
    news = publish_news(title="La cantine")
    plain = post_comment(author=kitchen["member"], target=news, body="<i>bof</i> @camille.martin")
    rich = post_comment(
        author=kitchen["member"],
        target=kitchen["post"],
        body="<p>Voir @camille.martin</p><script>alert(1)</script>",
    )
    for comment in (plain, rich):
        report(reporter=kitchen["author"], comment=comment, reason="hors sujet")

    html = admin_client.get("/moderation/").content.decode()

    assert "&lt;i&gt;bof&lt;/i&gt;" in html and "<script>alert(1)</script>" not in html
    assert html.count('href="/people/camille.martin/">@camille.martin</a>') == 2


def test_an_address_and_a_mention_inside_a_link_are_not_linked(kitchen):
    shown = render_bodies(
        [
            "Écrire à camille.martin@example.org",
            '<p><a href="https://example.org/">@camille.martin</a></p>',
        ],
        rich_text=True,
    )

    assert "mention" not in shown[0] and "mention" not in shown[1]


def test_a_page_of_comments_costs_the_same_queries_with_one_or_many_mentions(client, kitchen):
    post_comment(author=kitchen["member"], target=kitchen["post"], body="Merci @camille.martin")
    url = kitchen["post"].get_absolute_url()
    signed_in(client, kitchen["member"])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(6):
        someone = person(username=f"cuisinier{number}")
        post_comment(
            author=kitchen["author"],
            target=kitchen["post"],
            body=f"Voir @{someone.username} et @camille.martin",
        )
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()

    assert html.count('class="mention mention--person"') == 7 + 6
    assert len(many) == len(one)
