"""The communities API: the same visibility rules as the pages, `{"error": …}` on refusals."""

from __future__ import annotations

import pytest

from communities.models import JoinRequest, Membership, Role, Visibility
from tests.communities.factories import community
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def test_the_list_shows_what_i_may_know_of(as_user):
    member = person()
    community(name="Ouverte")
    community(name="Fermée", visibility=Visibility.CLOSED)
    community(name="Secrète", visibility=Visibility.SECRET, members=[member])

    outsider = as_user(person()).get("/api/communities/").json()
    mine = as_user(member).get("/api/communities/").json()

    assert sorted(c["name"] for c in outsider["results"]) == ["Fermée", "Ouverte"]
    assert outsider["count"] == 2
    assert sorted(c["name"] for c in mine["results"]) == ["Fermée", "Ouverte", "Secrète"]


def test_the_list_filters_mine_searches_and_pages(as_user):
    me = person()
    community(name="Vélo", members=[me]).tags.set(["mobilité"])
    community(name="Cuisine")
    community(name="Course", members=[me])
    client = as_user(me)

    assert {c["name"] for c in client.get("/api/communities/?mine=true").json()["results"]} == {
        "Vélo",
        "Course",
    }
    assert [c["name"] for c in client.get("/api/communities/?q=mobilit").json()["results"]] == [
        "Vélo"
    ]
    paged = client.get("/api/communities/?page_size=2&page=2").json()
    assert paged["count"] == 3 and len(paged["results"]) == 1


def test_a_community_reads_with_my_role_and_a_secret_one_is_404(as_user):
    animator = person()
    secret = community(visibility=Visibility.SECRET, animators=[animator])

    hidden = as_user(person()).get(f"/api/communities/{secret.slug}/")
    mine = as_user(animator).get(f"/api/communities/{secret.slug}/").json()

    assert hidden.status_code == 404 and hidden.json() == {"error": "Not found."}
    assert mine["role"] == Role.ANIMATOR and mine["readable"] is True and mine["members"] == 1


def test_joining_an_open_community_then_leaving_it(as_user):
    employee = person()
    team = community(animators=[person()])
    client = as_user(employee)

    joined = client.post(f"/api/communities/{team.slug}/join/").json()
    again = client.post(f"/api/communities/{team.slug}/join/").json()
    left = client.post(f"/api/communities/{team.slug}/leave/")

    assert joined == {"slug": team.slug, "status": "joined", "role": "member"}
    assert again["status"] == "already"
    assert left.status_code == 200 and left.json()["status"] == "left"
    assert not Membership.objects.filter(community=team, user=employee).exists()


def test_joining_a_closed_community_asks_once(as_user):
    employee = person()
    closed = community(visibility=Visibility.CLOSED)
    client = as_user(employee)

    first = client.post(f"/api/communities/{closed.slug}/join/").json()
    second = client.post(f"/api/communities/{closed.slug}/join/").json()
    detail = client.get(f"/api/communities/{closed.slug}/").json()

    assert (first["status"], second["status"]) == ("requested", "pending")
    assert detail["request_pending"] is True and detail["readable"] is False
    assert JoinRequest.objects.filter(community=closed).count() == 1


def test_refusals_are_errors_with_their_status(as_user):
    animator, employee = person(), person()
    team = community(animators=[animator])
    secret = community(visibility=Visibility.SECRET)

    last = as_user(animator).post(f"/api/communities/{team.slug}/leave/")
    stranger = as_user(employee).post(f"/api/communities/{team.slug}/leave/")
    hidden = as_user(employee).post(f"/api/communities/{secret.slug}/join/")

    assert last.status_code == 409 and "dernière animatrice" in last.json()["error"]
    assert stranger.status_code == 409 and "pas membre" in stranger.json()["error"]
    assert hidden.status_code == 404


def test_nobody_signed_in_gets_401(client):
    team = community()

    assert client.get("/api/communities/").status_code == 401
    assert client.post(f"/api/communities/{team.slug}/join/").status_code == 401


def test_the_endpoints_are_in_the_openapi_schema(as_user):
    schema = as_user(person()).get("/api/openapi.json").json()

    assert {
        "/api/communities/",
        "/api/communities/{slug}/",
        "/api/communities/{slug}/join/",
        "/api/communities/{slug}/leave/",
    } <= set(schema["paths"])


def test_an_administrator_sees_and_reads_every_community_through_the_api(as_user):
    secret = community(name="Secrète", visibility=Visibility.SECRET, animators=[person()])
    admin = person(is_superuser=True)

    listed = as_user(admin).get("/api/communities/").json()
    detail = as_user(admin).get(f"/api/communities/{secret.slug}/").json()
    joined = as_user(admin).post(f"/api/communities/{secret.slug}/join/")

    assert [c["name"] for c in listed["results"]] == ["Secrète"]
    assert detail["readable"] is True and detail["role"] is None
    assert joined.status_code == 403 and "invitation" in joined.json()["error"]
