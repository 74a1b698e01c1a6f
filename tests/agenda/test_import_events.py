"""Import kind `event` (DESIGN.md §2): events of a community or of none, with their
attendees; idempotent; every refused line named."""

from __future__ import annotations

import pytest

from agenda.models import RSVP, Event, EventMode, RSVPStatus
from agenda.services.rsvp import rsvp
from tests.communities.factories import community, community_key
from tests.importing import run_import as run
from tests.importing import write_jsonl as write
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {key: person(username=key, key=f"p-{key}") for key in ("ana", "bob", "cy")}


def an_event(**fields):
    return {
        "kind": "event",
        "key": "e-pain",
        "title": "Atelier pain",
        "starts_at": "2030-03-01T10:00:00+01:00",
        "ends_at": "2030-03-01T12:00:00+01:00",
        "community": "c-cuisine",
        "description": "Farine <script>alert(1)</script> fournie",
        "place": "Lyon, salle 2",
        "capacity": 2,
        "attendees": ["p-ana", "p-bob", "p-cy"],
        **fields,
    }


def test_an_event_is_imported_with_its_attendees_and_again_without_duplicates(tmp_path, people):
    group = community()
    community_key(group, "c-cuisine")
    path = write(tmp_path, an_event())

    out, _err = run(path)
    run(path)

    assert "event" in out
    imported = Event.objects.get()
    assert (imported.host, imported.mode, imported.capacity) == (group, "in_person", 2)
    assert "<script>" not in imported.description
    assert imported.starts_at.isoformat() == "2030-03-01T09:00:00+00:00"
    statuses = dict(RSVP.objects.values_list("user__username", "status"))
    assert statuses == {"ana": "going", "bob": "going", "cy": "waitlist"}
    assert (imported.going_count, imported.waitlist_count) == (2, 1)


def test_a_re_import_updates_the_event_and_keeps_answers_given_in_ruche(tmp_path, people):
    community_key(community(), "c-cuisine")
    run(write(tmp_path, an_event(attendees=["p-ana"], capacity=None)))
    newcomer = person()
    rsvp(event=Event.objects.get(), user=newcomer)

    run(
        write(
            tmp_path, an_event(title="Atelier pain et brioche", attendees=["p-ana"], capacity=None)
        )
    )

    imported = Event.objects.get()
    assert imported.title == "Atelier pain et brioche"
    assert set(imported.rsvps.values_list("user_id", flat=True)) == {people["ana"].pk, newcomer.pk}
    assert imported.going_count == 2


def test_an_event_of_no_community_online_or_hybrid(tmp_path, people):
    run(
        write(
            tmp_path,
            an_event(key="e-visio", community=None, place="", online_url="https://visio.example/a"),
            an_event(key="e-mixte", community=None, online_url="https://visio.example/b"),
        )
    )

    assert list(Event.objects.order_by("pk").values_list("mode", flat=True)) == [
        EventMode.ONLINE,
        EventMode.HYBRID,
    ]
    assert Event.objects.filter(host_type__isnull=True).count() == 2


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"community": "c-nowhere"}, "unknown community 'c-nowhere'"),
        ({"attendees": ["p-ghost"]}, "unknown person 'p-ghost'"),
        ({"ends_at": "2030-03-01T09:00:00+01:00"}, "doit finir après avoir commencé"),
        ({"starts_at": "demain"}, "field 'starts_at' must be an ISO 8601 date"),
        ({"capacity": 0}, "field 'capacity' must be a whole number of at least 1"),
        ({"online_url": "javascript:alert(1)"}, "http"),
        ({"title": ""}, "missing field 'title'"),
    ],
)
def test_a_refused_line_is_named_and_the_others_are_imported(tmp_path, people, fields, reason):
    community_key(community(), "c-cuisine")
    path = write(tmp_path, an_event(key="e-ok"), an_event(key="e-bad", **fields))

    _out, err = run(path, expect_failure=True)

    assert f"{path}:2: " in err and reason in err
    assert list(Event.objects.values_list("title", flat=True)) == ["Atelier pain"]
    assert RSVP.objects.filter(status=RSVPStatus.GOING).count() == 2
