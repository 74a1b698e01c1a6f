"""The host registry: an event is read by whoever reads its host, deleted with its host; the
pages moved from /communities/events/ to /events/ and the old addresses lead there."""

import pytest

from agenda.hosts import host_by_kind, host_of
from agenda.models import Event
from agenda.selectors.access import can_create_event, events_readable_by
from agenda.selectors.events import with_host_names
from communities.models import Community, Visibility
from tests.communities.factories import community, event
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def test_communities_are_registered_hosts():
    group = community()

    assert host_of(group) is host_by_kind("community")
    assert host_of(None) is None and host_of(person()) is None


def test_an_event_is_read_by_whoever_reads_its_host():
    member, employee, admin = person(), person(), person(is_superuser=True)
    secret = community(visibility=Visibility.SECRET, members=[member])
    opened = community(visibility=Visibility.OPEN)
    hidden, shown, everyone = event(secret), event(opened), event(None)

    assert set(events_readable_by(member)) == {hidden, shown, everyone}
    assert set(events_readable_by(employee)) == {shown, everyone}
    assert set(events_readable_by(admin)) == {hidden, shown, everyone}
    assert not can_create_event(employee, secret) and not can_create_event(member, secret)


def test_deleting_a_community_deletes_its_events():
    group = community()
    event(group)
    kept = event(None)

    Community.objects.filter(pk=group.pk).delete()

    assert list(Event.objects.all()) == [kept]


def test_lists_read_their_hosts_names_in_the_same_query(django_assert_num_queries):
    event(community(name="Jardinage"), title="Troc")
    event(None, title="Fête")

    with django_assert_num_queries(1):
        names = dict(with_host_names(Event.objects.all()).values_list("title", "host_name"))

    assert names == {"Troc": "Jardinage", "Fête": ""}


def test_the_old_addresses_lead_to_the_new_pages(client):
    member = person()
    meeting = event(community(members=[member]))
    client.force_login(member)

    page = client.get(f"/communities/events/{meeting.pk}/?from=mail")
    answer = client.post(f"/communities/events/{meeting.pk}/rsvp/")

    assert page.status_code == 301
    assert page["Location"] == f"/events/{meeting.pk}/?from=mail"
    assert answer.status_code == 308 and answer["Location"] == f"/events/{meeting.pk}/rsvp/"
    assert client.get("/communities/events/")["Location"] == "/events/"
