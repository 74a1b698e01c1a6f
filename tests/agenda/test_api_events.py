"""The events API under /api/events/: upcoming events I may read, one event, answering and
withdrawing, with the pages' rules and `{"error": …}` refusals."""

from __future__ import annotations

import pytest
from wagtail.models import APIToken

from agenda.models import EventMode, RSVPStatus
from agenda.services.rsvp import rsvp
from communities.models import Visibility
from tests.communities.factories import community, event
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {APIToken.create_token(user=user, name='t')[1]}"}


@pytest.fixture
def three():
    member = person()
    made = {
        visibility: event(
            community(visibility=visibility, members=[member]), title=visibility, place="Lyon"
        )
        for visibility in (Visibility.OPEN, Visibility.CLOSED, Visibility.SECRET)
    }
    return member, made


@pytest.mark.parametrize(
    ("who", "readable"),
    [("member", {"open", "closed", "secret"}), ("outsider", {"open"}), ("admin", None)],
)
def test_the_api_lists_and_reads_only_the_events_i_may_read(client, three, who, readable):
    member, made = three
    users = {"member": member, "outsider": person(), "admin": person(is_superuser=True)}
    readable = readable or {"open", "closed", "secret"}
    headers = bearer(users[who])

    listed = client.get("/api/events/", **headers).json()

    assert {row["title"] for row in listed} == readable
    for visibility, meeting in made.items():
        answer = client.get(f"/api/events/{meeting.pk}/", **headers)
        assert answer.status_code == (200 if visibility in readable else 404)
        if answer.status_code == 404:
            assert answer.json() == {"error": "Not found."}
        refused = client.post(f"/api/events/{meeting.pk}/rsvp/", **headers)
        assert refused.status_code == (200 if visibility in readable else 404)


def test_answering_through_the_api_gives_a_place_then_the_waiting_list(client):
    group = community()
    meeting = event(group, capacity=1, place="Lyon")
    first, second = person(), person()

    taken = client.post(f"/api/events/{meeting.pk}/rsvp/", **bearer(first)).json()
    waiting = client.post(f"/api/events/{meeting.pk}/rsvp/", **bearer(second)).json()

    assert taken == {
        "event_id": meeting.pk,
        "status": "going",
        "waitlist_position": None,
        "going": 1,
        "waitlist": 0,
        "places_left": 0,
    }
    assert waiting["status"] == "waitlist" and waiting["waitlist_position"] == 1
    given_back = client.delete(f"/api/events/{meeting.pk}/rsvp/", **bearer(first)).json()
    assert given_back["status"] is None and given_back["going"] == 1
    assert meeting.rsvps.get().user == second
    assert meeting.rsvps.get().status == RSVPStatus.GOING


def test_one_event_says_my_answer_and_hides_a_limited_link_from_those_not_going(client):
    member, other = person(), person()
    meeting = event(
        community(members=[member, other]),
        mode=EventMode.ONLINE,
        online_url="https://visio.example/a",
        capacity=3,
    )
    rsvp(event=meeting, user=member)

    mine = client.get(f"/api/events/{meeting.pk}/", **bearer(member)).json()
    theirs = client.get(f"/api/events/{meeting.pk}/", **bearer(other)).json()

    assert mine["my_rsvp"] == "going" and mine["online_url"] == "https://visio.example/a"
    assert theirs["my_rsvp"] is None and theirs["online_url"] is None


def test_a_started_event_refuses_answers_with_a_conflict(client):
    meeting = event(community(), in_days=-0.01)

    answer = client.post(f"/api/events/{meeting.pk}/rsvp/", **bearer(person()))

    assert answer.status_code == 409
    assert answer.json() == {"error": "Cet événement a déjà commencé."}


def test_answers_are_rate_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rsvp": "2/d"}
    meeting = event(community(), place="Lyon")
    headers = bearer(person())

    statuses = [
        client.post(f"/api/events/{meeting.pk}/rsvp/", **headers).status_code for _ in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_the_events_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/openapi.json", **bearer(person())).json()

    assert {"/api/events/", "/api/events/{event_id}/", "/api/events/{event_id}/rsvp/"} <= set(
        schema["paths"]
    )
    assert {"post", "delete"} <= set(schema["paths"]["/api/events/{event_id}/rsvp/"])


def test_nobody_signed_out_reads_events(client):
    assert client.get("/api/events/").status_code == 401
