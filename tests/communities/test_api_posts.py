"""The community posts API (/api/community-posts/): the same readers as the pages, the same
services, `{"error": ...}` refusals."""

from __future__ import annotations

import pytest
from wagtail.models import APIToken

from communities.models import Post, Visibility
from tests.communities.factories import community, join, poll, post, question
from tests.people.factories import person

pytestmark = pytest.mark.django_db

BASE = "/api/community-posts/"


def bearer(user) -> dict:
    _, raw = APIToken.create_token(user=user, name="bot")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_member_publishes_comments_and_votes_through_the_api(client):
    member, other = person(), person()
    where = community(members=[member, other])
    headers = bearer(member)
    created = client.post(
        BASE,
        {
            "community": where.slug,
            "kind": "question",
            "title": "Quel four ?",
            "body": "<p>Aide <script>x</script></p>",
            "tags": ["four"],
            "poll": {"question": "Gaz ou bois ?", "answers": ["Gaz", "Bois"]},
        },
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert "<script" not in body["body"] and body["has_poll"] and body["tags"] == ["four"]
    assert body["poll"]["choices"][0]["votes"] is None  # results hidden before voting

    commented = client.post(
        f"{BASE}{body['id']}/comments/",
        {"body": "Bois !"},
        content_type="application/json",
        **bearer(other),
    )
    assert commented.status_code == 201 and commented.json()["author"]

    choice = body["poll"]["choices"][1]["id"]
    voted = client.post(
        f"{BASE}{body['id']}/poll/vote/",
        {"choices": [choice]},
        content_type="application/json",
        **headers,
    )
    assert voted.status_code == 200 and voted.json()["choices"][1]["votes"] == 1
    again = client.post(
        f"{BASE}{body['id']}/poll/vote/",
        {"choices": [choice]},
        content_type="application/json",
        **headers,
    )
    assert again.status_code == 409 and "already voted" in again.json()["error"]

    read = client.get(f"{BASE}{body['id']}/", **headers).json()
    assert read["comment_threads"][0]["body"] == "<p>Bois !</p>" and read["comments"] == 1
    listed = client.get(BASE, {"community": where.slug}, **headers).json()
    assert [row["id"] for row in listed] == [body["id"]]


def test_a_non_member_cannot_post_but_reads_an_open_community(client):
    where = community(visibility=Visibility.OPEN)
    made = post(where)
    headers = bearer(person())
    refused = client.post(
        BASE,
        {"community": where.slug, "body": "Salut"},
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 403 and refused.json()["error"]
    assert client.get(f"{BASE}{made.pk}/", **headers).status_code == 200


@pytest.mark.parametrize("visibility", [Visibility.CLOSED, Visibility.SECRET])
def test_everything_of_a_closed_or_secret_community_is_not_found_to_outsiders(client, visibility):
    member = person()
    where = community(visibility=visibility, members=[member])
    asked = question(where, author=member)
    made = poll(asked)
    headers = bearer(person())
    assert client.get(BASE, {"community": where.slug}, **headers).status_code == 404
    assert client.get(f"{BASE}{asked.pk}/", **headers).status_code == 404
    for path, payload in [
        (f"{BASE}{asked.pk}/comments/", {"body": "x"}),
        (f"{BASE}{asked.pk}/poll/vote/", {"choices": [made.choices.first().pk]}),
        (BASE, {"community": where.slug, "body": "x"}),
    ]:
        answer = client.post(path, payload, content_type="application/json", **headers)
        assert answer.status_code == 404 and answer.json() == {"error": "Not found."}
    admin = bearer(person(is_superuser=True))
    assert client.get(f"{BASE}{asked.pk}/", **admin).status_code == 200
    assert not Post.objects.exclude(pk=asked.pk).exists()


def test_an_animator_reads_and_a_signed_out_caller_is_refused(client):
    animator = person()
    where = community(visibility=Visibility.SECRET)
    join(where, animator, role="animator")
    made = post(where)
    assert client.get(f"{BASE}{made.pk}/", **bearer(animator)).status_code == 200
    assert client.get(f"{BASE}{made.pk}/").status_code == 401


def test_the_routes_are_in_the_openapi_schema(client):
    schema = client.get("/api/openapi.json", **bearer(person())).json()
    assert {
        "/api/community-posts/",
        "/api/community-posts/{post_id}/",
        "/api/community-posts/{post_id}/comments/",
        "/api/community-posts/{post_id}/poll/vote/",
    } <= set(schema["paths"])
