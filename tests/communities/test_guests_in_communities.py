"""Outside experts in communities: an animator invites them; they read and take part in the
communities they were invited into and reach nothing else, in pages, search and the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from communities.models import Membership, Visibility
from communities.services.guests import invite_guest_into
from people.guests import EmployeeEmail, GuestError
from people.models import GuestInvitation
from search.services import run_search
from tests.communities.factories import community, join, post
from tests.ideas.concurrency import run_in_threads
from tests.news.factories import publish_news
from tests.people.factories import guest, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    """An open and a secret community; the guest is a member of the secret one only."""
    animator = person()
    expert = guest(username="eva", invited_by=animator)
    secret = community(name="Projet Atlas", visibility=Visibility.SECRET, animators=[animator])
    join(secret, expert)
    elsewhere = community(name="Cuisine du monde", visibility=Visibility.OPEN)
    return {
        "animator": animator,
        "expert": expert,
        "secret": secret,
        "elsewhere": elsewhere,
        "inside": post(secret, title="Atlas : le planning des essais", body="<p>Essais</p>"),
        "outside": post(elsewhere, title="Atlas de cuisine", body="<p>Recettes</p>"),
    }


def test_an_animator_invites_a_guest_who_becomes_a_member_of_that_community_only(places):
    invited = invite_guest_into(
        community=places["secret"],
        email="marc@partner.example",
        first_name="Marc",
        last_name="Conseil",
        access_until=timezone.localdate() + timedelta(days=60),
        by=places["animator"],
    )

    assert invited.profile.is_guest
    assert list(Membership.objects.filter(user=invited).values_list("community", flat=True)) == [
        places["secret"].pk
    ]


def test_only_animators_invite_and_employees_are_never_made_guests(places):
    member = person()
    join(places["secret"], member)
    until = timezone.localdate() + timedelta(days=10)

    with pytest.raises(GuestError):
        invite_guest_into(
            community=places["secret"],
            email="x@partner.example",
            first_name="X",
            last_name="Y",
            access_until=until,
            by=member,
        )
    with pytest.raises(EmployeeEmail):
        invite_guest_into(
            community=places["secret"],
            email=member.email,
            first_name="X",
            last_name="Y",
            access_until=until,
            by=places["animator"],
        )


def test_a_guest_reads_their_community_and_nothing_of_an_open_one(client, places):
    client.force_login(places["expert"])

    assert client.get(places["secret"].get_absolute_url()).status_code == 200
    assert client.get(places["inside"].get_absolute_url()).status_code == 200
    assert client.get(places["elsewhere"].get_absolute_url()).status_code == 404
    assert client.get(places["outside"].get_absolute_url()).status_code == 404
    assert client.get("/people/").status_code == 404


def test_a_guest_lands_on_their_communities_and_the_directory_lists_only_them(client, places):
    client.force_login(places["expert"])

    landing = client.get("/")
    directory = client.get(landing["Location"]).content.decode()

    assert landing.status_code == 302 and landing["Location"] == "/communities/"
    assert "Projet Atlas" in directory and "Cuisine du monde" not in directory


def test_a_guest_finds_only_what_is_in_their_communities(places, reindex):
    publish_news(title="Atlas : la nouvelle organisation")
    reindex()

    found = run_search(user=places["expert"], text="atlas")

    assert {(hit.kind, hit.title) for hit in found.results} == {
        ("community", "Projet Atlas"),
        ("post", "Atlas : le planning des essais"),
    }


def test_the_invitation_page_is_for_animators(client, places):
    client.force_login(places["animator"])
    page = client.get(f"/communities/{places['secret'].slug}/guests/invite/")
    client.force_login(person())
    stranger = client.get(f"/communities/{places['secret'].slug}/guests/invite/")

    assert page.status_code == 200 and "Invit" in page.content.decode()
    assert stranger.status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("address", ["marc@partner.example", "zoe@partner.example"])
def test_first_invitations_of_one_address_at_the_same_instant_make_one_guest_in_every_community(
    address,
):
    """Four animators of four communities invite the same new address at once, written in
    different cases: one guest account, a member of the four communities, invited four
    times (the last link is the one that works)."""
    animators = [person() for _ in range(4)]
    rooms = [community(name=f"Salle {n}", animators=[animators[n]]) for n in range(4)]
    spellings = [address, address.upper(), address.title(), f"  {address}  "]

    outcomes = run_in_threads(
        4,
        lambda n: invite_guest_into(
            community=rooms[n],
            email=spellings[n],
            first_name="Marc",
            last_name="Conseil",
            access_until=timezone.localdate() + timedelta(days=30 + n),
            by=animators[n],
        ),
    )

    assert not [outcome for outcome in outcomes if isinstance(outcome, BaseException)], outcomes
    accounts = User.objects.filter(email__iexact=address)
    assert accounts.count() == 1
    expert = accounts.get()
    assert {outcome.pk for outcome in outcomes} == {expert.pk}
    assert expert.profile.is_guest and expert.profile.guest_email == address
    assert expert.profile.guest_until == timezone.localdate() + timedelta(days=33)
    assert set(Membership.objects.filter(user=expert).values_list("community", flat=True)) == {
        room.pk for room in rooms
    }
    assert GuestInvitation.objects.filter(user=expert).count() == 4
    assert GuestInvitation.objects.filter(user=expert, expires_at__gt=timezone.now()).count() == 1
