"""The home page reads top down: the news at the top, what waits for me, then my feed, with
leadership, questions, challenges and pages beside it."""

import pytest

from ideas.services import invite_co_authors
from tests.ideas.factories import challenge, idea
from tests.images import srcsets, wagtail_image
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home")]


def home_html(client, user) -> str:
    client.force_login(user)
    return client.get("/").content.decode()


def section(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</section>" if testid != "home-hero" else "</article>", start)]


def test_the_featured_news_of_my_audience_is_at_the_top_before_newer_news(client):
    sections()
    it, hr = TeamFactory(name="IT"), TeamFactory(name="RH")
    reader = person(team=hr)
    publish_news(title="Nouveau badge", featured=True)
    publish_news(title="Réservé à l’IT", featured=True, audience=[it])
    publish_news(title="Plus récente, pas à la une")

    html = home_html(client, reader)

    hero = section(html, "home-hero")
    assert "Nouveau badge" in hero and "À la une" in hero
    assert "Réservé à l’IT" not in html
    assert html.index('data-testid="home-hero"') < html.index('data-testid="home-todo"')
    assert html.index('data-testid="home-todo"') < html.index('data-testid="home-feed"')


def test_without_featured_news_the_newest_news_leads(client):
    sections()
    publish_news(title="Ancienne")
    publish_news(title="Toute fraîche")

    hero = section(home_html(client, person()), "home-hero")

    assert "Toute fraîche" in hero and "Dernière actualité" in hero


def test_the_top_story_shows_its_cover_beside_its_title_and_none_is_drawn_without_one(client):
    sections()
    publish_news(title="Sans image")
    publish_news(title="Le rucher du siège", featured=True, cover_image=wagtail_image("Ruches"))
    reader = person()

    html = home_html(client, reader)
    hero = section(html, "home-hero")

    assert "home-hero--with-cover" in html and 'class="home-hero__cover"' in hero
    # The card's renditions, the first drawn at once (it is what the reader sees first).
    drawn = srcsets(hero)  # one per format
    assert drawn and all([width for _, width in widths] == [400, 800] for widths in drawn)
    assert 'loading="lazy"' not in hero

    publish_news(title="Encore plus à la une", featured=True)
    html = home_html(client, reader)
    hero = section(html, "home-hero")
    assert "Encore plus à la une" in hero and "home-hero__cover" not in html


def test_what_waits_for_me_lists_must_reads_invitations_and_ideas_to_answer(client):
    sections()
    owner, author, invited, other = person(), person(), person(), person()
    campaign = challenge(owner=owner, title="Moins de papier", phase="open")
    idea(campaign, author=author, title="Recto verso")
    idea(campaign, author=author, title="Factures en ligne")
    idea(campaign, author=author, title="Déjà répondue", status="selected")
    shared = idea(campaign, author=author, title="Imprimantes partagées")
    invite_co_authors(idea=shared, user_ids=[invited.pk], invited_by=author)
    publish_news(title="Charte sécurité", must_read=True)

    owners = section(home_html(client, owner), "home-todo")
    assert "Charte sécurité" in owners
    assert "3 idées attendent votre réponse dans « Moins de papier »" in owners
    invited_todo = section(home_html(client, invited), "home-todo")
    assert "Imprimantes partagées" in invited_todo and "Moins de papier" not in invited_todo
    assert "Imprimantes partagées" not in section(home_html(client, other), "home-todo")


def test_with_nothing_to_do_the_page_says_so(client):
    todo = section(home_html(client, person()), "home-todo")

    assert "Rien ne vous attend" in todo
