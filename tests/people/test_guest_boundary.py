"""The guests' boundary: a guest reaches only what an app explicitly opens to them
(`core.guests.register_guest_rule`), by session or API token; everything else answers 404,
the Wagtail admin always. Their `/` leads to the landing page an app registers, else to a
page saying no community is open to them yet. Their name carries a "Guest" badge wherever it
shows, at no extra query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import APIToken

from core import guests as kernel
from core.conversations.selectors import threads
from core.conversations.services import post_comment
from core.guests import shows_as_guest
from tests.ideas.factories import challenge, hub, idea
from tests.intranet.factories import home_page, publish_standard_page
from tests.news.factories import publish_news
from tests.people.factories import TeamFactory, guest, kudos, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    home_page()
    team = TeamFactory(name="Data", slug="data")
    animator = person(username="anne", first_name="Anne", last_name="Animatrice", team=team)
    expert = guest(username="eva", invited_by=animator, first_name="Eva", last_name="Experte")
    news = publish_news(title="Cantine")
    open_idea = idea(challenge(phase="open"), author=animator, title="Covoiturage")
    page = publish_standard_page(title="Charte", parent=home_page())
    return {"animator": animator, "guest": expert, "news": news, "idea": open_idea, "page": page}


@pytest.fixture
def guest_client(client, world):
    client.force_login(world["guest"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def open_rules(monkeypatch):
    """Register guest rules and homes for one test only."""
    monkeypatch.setattr(kernel, "_rules", list(kernel._rules))
    monkeypatch.setattr(kernel, "_homes", list(kernel._homes))
    return kernel


def closed_urls(world) -> list[str]:
    animator = world["animator"].username
    return [
        reverse("people:directory"),
        reverse("people:me"),
        reverse("people:teams"),
        reverse("people:team", args=["data"]),
        reverse("people:profile", args=[animator]),
        reverse("people:profile", args=[world["guest"].username]),
        reverse("people:org_chart", args=[animator]),
        world["news"].url,
        world["news"].get_parent().url,
        hub().url,
        world["page"].url,
        reverse("ideas:idea", args=[world["idea"].pk]),
        reverse("ideas:leaderboard"),
        reverse("news:answered"),
        reverse("conversations:queue"),
        "/admin/",
        "/admin/pages/",
        "/insights/teams/",
    ]


def test_a_guest_gets_404_on_the_directory_news_ideas_and_every_other_page(guest_client, world):
    statuses = {url: guest_client.get(url).status_code for url in closed_urls(world)}

    assert statuses == dict.fromkeys(statuses, 404)


def test_the_same_pages_are_open_to_the_employee_who_invited_them(client, world):
    client.force_login(world["animator"])
    moderators_only = ("/admin/", "/insights/", reverse("conversations:queue"))
    urls = [url for url in closed_urls(world) if not url.startswith(moderators_only)]

    statuses = {url: client.get(url).status_code for url in urls}

    assert set(statuses.values()) <= {200, 302}, statuses


def test_a_guests_token_reaches_only_what_rules_open_in_the_api(client, world, open_rules):
    _, raw = APIToken.create_token(user=world["guest"], name="bot")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    closed = {
        url: client.get(url, **headers).status_code
        for url in ["/api/news/questions/", "/api/ideas/challenges/"]
    }
    me = client.get("/api/me/", **headers)
    open_rules.register_guest_rule(lambda request: request.path_info == "/api/news/questions/")

    assert closed == dict.fromkeys(closed, 404)
    assert client.get("/api/news/questions/", **headers).status_code == 200
    assert me.status_code == 200 and me.json()["username"] == "eva"
    assert client.get("/api/ideas/challenges/", **headers).json() == {"error": "Not found."}


def test_a_guests_session_meets_the_same_boundary_in_the_api(guest_client):
    assert guest_client.get("/api/ideas/challenges/").status_code == 404
    assert guest_client.get("/api/me/").status_code == 200


def test_a_registered_rule_opens_a_path_but_never_the_admin(guest_client, world, open_rules):
    teams = reverse("people:teams")
    open_rules.register_guest_rule(lambda request: request.path_info in (teams, "/admin/"))

    assert guest_client.get(teams).status_code == 200
    assert guest_client.get(reverse("people:directory")).status_code == 404
    assert guest_client.get("/admin/").status_code == 404


def test_what_every_guest_may_use(guest_client):
    assert guest_client.get(reverse("people:guest_home")).status_code == 200
    assert guest_client.get(reverse("notifications:list")).status_code == 200
    assert guest_client.get(reverse("notifications:preferences")).status_code == 200
    assert guest_client.post(reverse("set_language"), {"language": "fr"}).status_code == 302
    assert guest_client.post(reverse("logout")).status_code == 302


def test_a_guest_lands_on_the_page_an_app_registers_else_on_the_no_community_page(
    guest_client, open_rules
):
    before = guest_client.get("/")
    page = guest_client.get(before["Location"])
    open_rules.register_guest_home(lambda request: None)
    open_rules.register_guest_home(lambda request: "/communities/mine/")

    assert before.status_code == 302 and before["Location"] == reverse("people:guest_home")
    assert "You do not have access to any community yet." in page.content.decode()
    assert "site-search" not in page.content.decode(), "no search box for a guest"
    assert guest_client.get("/")["Location"] == "/communities/mine/"


def test_employees_keep_their_home_page(client, world):
    client.force_login(world["animator"])

    assert client.get("/").status_code == 200


# --- the badge --------------------------------------------------------------------------------


def test_a_guests_comment_shows_the_badge_and_threads_stay_at_three_queries(
    client, world, django_assert_num_queries
):
    news = world["news"]
    post_comment(author=world["guest"], target=news, body="Bonjour de l'extérieur")
    post_comment(author=world["animator"], target=news, body="Bienvenue")
    reader = person(username="reader")
    client.force_login(reader)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    threads(news, reader)  # permissions cached, as in a request

    with django_assert_num_queries(3):  # count, page of threads with authors, their replies
        page = threads(news, reader)
        marks = {comment.author.username: shows_as_guest(comment.author) for comment in page}
    html = client.get(news.url).content.decode()

    assert marks == {"eva": True, "anne": False}
    assert html.count('<span class="badge-guest">Guest</span>') == 1
    assert 'Eva Experte</strong> <span class="badge-guest">Guest</span>' in html


def test_a_news_page_costs_the_same_queries_with_guests_comments(client, world):
    news = world["news"]
    client.force_login(person(username="reader"))
    post_comment(author=world["animator"], target=news, body="Premier")
    client.get(news.url)
    with CaptureQueriesContext(connection) as employees_only:
        client.get(news.url)
    for number in range(3):
        author = guest(username=f"g{number}", invited_by=world["animator"])
        post_comment(author=author, target=news, body=f"Invité {number}")
    with CaptureQueriesContext(connection) as with_guests:
        html = client.get(news.url).content.decode()

    assert html.count('class="badge-guest"') == 3
    assert len(with_guests) == len(employees_only)


def test_a_guests_profile_and_kudos_show_the_badge_at_the_profile_pages_usual_cost(client, world):
    animator, expert = world["animator"], world["guest"]
    colleague = person(username="colleague")
    kudos(animator, expert)
    client.force_login(colleague)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    kudos(colleague, animator)
    client.get(reverse("people:profile", args=["anne"]))

    with CaptureQueriesContext(connection) as employee_page:
        client.get(reverse("people:profile", args=["anne"]))
    with CaptureQueriesContext(connection) as guest_page:
        html = client.get(reverse("people:profile", args=["eva"])).content.decode()

    assert 'Eva Experte <span class="badge-guest">Guest</span></h1>' in html
    assert html.count('class="badge-guest"') == 2, "the heading and the kudos"
    assert len(guest_page) == len(employee_page)
