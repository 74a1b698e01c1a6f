"""The ideas API: same rules and errors as the pages, JSON errors, audience respected."""

import pytest
from wagtail.models import APIToken

from ideas.models import Idea, Vote
from tests.ideas.factories import challenge, idea
from tests.people.factories import TeamFactory, person


@pytest.fixture
def teams(db):
    return {"it": TeamFactory(name="IT"), "rh": TeamFactory(name="RH")}


@pytest.fixture
def insider(teams):
    return person(username="insider", team=teams["it"])


@pytest.fixture
def outsider(teams):
    return person(username="outsider", team=teams["rh"])


@pytest.fixture
def campaign(teams):
    return challenge(title="Défi IT", audience=[teams["it"]], phase="open", votes_per_person=1)


def bearer(user) -> dict:
    _, raw = APIToken.create_token(user=user, name="bot")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


def test_challenges_are_listed_for_their_audience_only(client, campaign, insider, outsider):
    challenge(title="Pour tous", phase="open")

    mine = client.get("/api/ideas/challenges/", **bearer(insider)).json()
    theirs = client.get("/api/ideas/challenges/", **bearer(outsider)).json()

    assert {row["title"] for row in mine} == {"Défi IT", "Pour tous"}
    assert [row["title"] for row in theirs] == ["Pour tous"]
    assert mine[0]["votes_left"] == 1 or mine[1]["votes_left"] == 1


def test_a_bot_submits_reads_votes_and_takes_back(client, campaign, insider):
    headers = bearer(insider)

    created = client.post(
        f"/api/ideas/challenges/{campaign.pk}/ideas/",
        {"title": "Chatbot RH", "description": "<p>Répondre <script>x</script></p>"},
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201
    idea_id = created.json()["id"]

    read = client.get(f"/api/ideas/{idea_id}/", **headers).json()
    assert "<script" not in read["description"] and read["author"]

    voted = client.post(f"/api/ideas/{idea_id}/vote/", **headers)
    assert voted.json() == {"idea_id": idea_id, "votes": 1, "voted": True, "votes_left": 0}
    again = client.post(f"/api/ideas/{idea_id}/vote/", **headers)
    assert again.status_code == 409
    assert again.json() == {"error": "You already support this idea."}

    back = client.delete(f"/api/ideas/{idea_id}/vote/", **headers)
    assert back.json()["votes"] == 0 and back.json()["votes_left"] == 1
    listed = client.get(f"/api/ideas/challenges/{campaign.pk}/ideas/", **headers).json()
    assert [row["id"] for row in listed] == [idea_id]


def test_the_budget_and_phase_rules_give_json_errors(client, campaign, insider):
    first, second = idea(campaign, title="Un"), idea(campaign, title="Deux")
    headers = bearer(insider)
    client.post(f"/api/ideas/{first.pk}/vote/", **headers)

    over = client.post(f"/api/ideas/{second.pk}/vote/", **headers)
    late = challenge(title="Clos", phase="closed")
    closed = client.post(
        f"/api/ideas/challenges/{late.pk}/ideas/",
        {"title": "T", "description": "D"},
        content_type="application/json",
        **headers,
    )

    assert over.status_code == 409 and "used all your votes" in over.json()["error"]
    assert closed.status_code == 409 and closed.json()["error"]
    assert Vote.objects.count() == 1


def test_everything_outside_the_audience_is_not_found(client, campaign, outsider):
    target = idea(campaign)
    headers = bearer(outsider)

    assert client.get(f"/api/ideas/{target.pk}/", **headers).status_code == 404
    assert client.get(f"/api/ideas/challenges/{campaign.pk}/ideas/", **headers).status_code == 404
    assert client.post(f"/api/ideas/{target.pk}/vote/", **headers).status_code == 404
    response = client.post(
        f"/api/ideas/challenges/{campaign.pk}/ideas/",
        {"title": "T", "description": "D"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 404 and response.json() == {"error": "Not found."}
    assert not Vote.objects.exists() and Idea.objects.count() == 1


def test_anonymous_authors_are_null_for_colleagues(client, teams, insider):
    campaign = challenge(phase="open", allow_anonymous_ideas=True)
    target = idea(campaign, author=person(username="secret", team=teams["it"]), anonymous=True)

    row = client.get(f"/api/ideas/{target.pk}/", **bearer(insider)).json()

    assert row["author"] is None and row["anonymous"] is True


def test_bad_input_is_a_400_with_a_message(client, campaign, insider):
    headers = bearer(insider)

    empty = client.post(
        f"/api/ideas/challenges/{campaign.pk}/ideas/",
        {"title": "  ", "description": "D"},
        content_type="application/json",
        **headers,
    )
    missing = client.post(
        f"/api/ideas/challenges/{campaign.pk}/ideas/",
        {"title": "T"},
        content_type="application/json",
        **headers,
    )
    unknown = client.post(
        f"/api/ideas/challenges/{campaign.pk}/ideas/",
        {"title": "T", "description": "D", "co_authors": ["nobody"]},
        content_type="application/json",
        **headers,
    )
    paging = client.get(f"/api/ideas/challenges/{campaign.pk}/ideas/?page_size=500", **headers)

    assert empty.status_code == missing.status_code == unknown.status_code == 400
    assert paging.status_code == 400
    assert "description" in missing.json()["error"]
    assert unknown.json() == {"error": "Unknown colleague: nobody"}


def test_the_api_needs_a_signed_in_user_and_is_in_the_schema(client, insider):
    assert client.get("/api/ideas/challenges/").status_code == 401

    client.force_login(insider)
    paths = client.get("/api/openapi.json").json()["paths"]

    assert {
        "/api/ideas/challenges/",
        "/api/ideas/challenges/{challenge_id}/ideas/",
        "/api/ideas/{idea_id}/",
        "/api/ideas/{idea_id}/vote/",
    } <= set(paths)


def test_a_token_writes_without_csrf_but_a_session_needs_it(campaign, insider):
    from django.test import Client

    target = idea(campaign)
    strict = Client(enforce_csrf_checks=True)

    with_token = strict.post(f"/api/ideas/{target.pk}/vote/", **bearer(insider))
    strict.force_login(insider)
    with_session = strict.delete(f"/api/ideas/{target.pk}/vote/")

    assert with_token.status_code == 200
    assert with_session.status_code == 403
    assert Vote.objects.count() == 1


def test_errors_speak_the_language_of_the_request(client, campaign, insider):
    target = idea(campaign, title="Un")
    headers = {**bearer(insider), "HTTP_ACCEPT_LANGUAGE": "fr"}
    client.post(f"/api/ideas/{target.pk}/vote/", **headers)

    again = client.post(f"/api/ideas/{target.pk}/vote/", **headers)

    assert again.json() == {"error": "Vous soutenez déjà cette idée."}


def test_lists_make_a_constant_number_of_queries(client, teams, insider):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = bearer(insider)
    campaign = challenge(title="Liste", phase="open", allow_anonymous_ideas=True)

    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, **headers).status_code == 200
        return len(captured)

    idea(campaign, title="Première")
    client.get("/api/ideas/challenges/", **headers)  # the token's first use is recorded once
    few = (count("/api/ideas/challenges/"), count(f"/api/ideas/challenges/{campaign.pk}/ideas/"))
    for n in range(6):
        challenge(title=f"Défi {n}", phase="open", votes_per_person=3)
        one = idea(
            campaign, title=f"Idée {n}", author=person(username=f"a{n}"), anonymous=n % 2 == 0
        )
        one.tags.set([f"t{n}"])
    client.get("/api/ideas/challenges/", **headers)  # pages published: the site is read again
    many = (count("/api/ideas/challenges/"), count(f"/api/ideas/challenges/{campaign.pk}/ideas/"))

    assert many == few
