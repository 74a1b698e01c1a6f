"""HR's list of guests, outside the Wagtail admin: each guest's name, email, communities, who
invited them, their last day and their status (invited, active, expired), a page at a time;
for HR and administrators only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import Visibility
from communities.services.guests import invite_guest_into
from people import guests
from people.guests import accept_invitation, end_guest_access
from people.models import GuestInvitation
from tests.communities.factories import community, join
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = reverse("people:guest_list")


@pytest.fixture
def client(client):
    """Pages read in English, the source language (the French catalogue comes with the merge)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def hr(db):
    return person(username="rh", first_name="Rita", last_name="Humaine", groups=["HR"])


@pytest.fixture
def invited(db):
    """Three guests of Anne's communities: Eva accepted (active), Marc did not yet (invited),
    Zoé's access was ended (expired). Eva is also in a secret community HR may not know."""
    anne = person(username="anne", first_name="Anne", last_name="Animatrice")
    kitchen = community(name="Cuisine du monde", animators=[anne])
    atlas = community(name="Projet Atlas", visibility=Visibility.SECRET, animators=[anne])

    def invite(email, first_name, where):
        return invite_guest_into(
            community=where,
            email=email,
            first_name=first_name,
            last_name="Externe",
            access_until=in_days(45),
            by=anne,
        )

    eva = invite("eva@partner.example", "Eva", kitchen)
    invite("eva@partner.example", "Eva", atlas)
    accept_invitation(
        invitation=GuestInvitation.objects.filter(user=eva).latest("created_at"),
        password="une ruche au printemps",
    )
    marc = invite("marc@partner.example", "Marc", kitchen)
    zoe = invite("zoe@partner.example", "Zoé", kitchen)
    end_guest_access(user=zoe, by=anne)
    return {"anne": anne, "eva": eva, "marc": marc, "zoe": zoe, "kitchen": kitchen, "atlas": atlas}


def card(html: str, name: str) -> str:
    """The guest card whose heading is `name`."""
    start = html.index(f"<h2>{name}</h2>")
    return html[start : html.index("</li>", start)]


def test_hr_sees_each_guest_with_their_email_communities_inviter_end_and_status(
    client, hr, invited
):
    client.force_login(hr)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    eva = card(html, "Eva Externe")
    assert "eva@partner.example" in eva
    assert f'<a href="{invited["kitchen"].get_absolute_url()}">Cuisine du monde</a>' in eva
    assert "Projet Atlas" not in html  # a secret community HR may not know: counted only
    assert "1 community you may not see" in eva
    assert "Anne Animatrice" in eva
    assert in_days(45).isoformat() in eva
    assert "Active" in eva
    assert "Invited" in card(html, "Marc Externe")
    zoe = card(html, "Zoé Externe")
    assert "Expired" in zoe
    assert (timezone.localdate() - timedelta(days=1)).isoformat() in zoe
    assert "3 guests" in html


def test_a_member_of_the_secret_community_reads_its_name(client, invited):
    admin = person(username="chef", is_superuser=True, is_staff=True)
    client.force_login(admin)

    html = client.get(URL).content.decode()

    assert "Projet Atlas" in card(html, "Eva Externe")


def test_the_list_comes_a_page_at_a_time_for_the_same_number_of_queries(
    client, hr, invited, monkeypatch
):
    monkeypatch.setattr(guests, "GUESTS_PER_PAGE", 2)
    client.force_login(hr)
    client.get(URL)
    with CaptureQueriesContext(connection) as first:
        first_page = client.get(URL).content.decode()
    with CaptureQueriesContext(connection) as second:
        second_page = client.get(URL, {"page": 2}).content.decode()

    # latest invited first: Zoé, Marc, then Eva (invited again into Atlas before Marc)
    assert "Zoé Externe" in first_page and "Marc Externe" in first_page
    assert "Eva Externe" not in first_page and 'rel="next"' in first_page
    assert "Eva Externe" in second_page
    assert len(first) == len(second)


def test_employees_are_refused_and_guests_find_nothing(client, invited):
    member = person(username="membre")
    join(invited["kitchen"], member)

    client.force_login(member)
    assert client.get(URL).status_code == 403
    client.force_login(invited["anne"])
    assert client.get(URL).status_code == 403
    invited["eva"].refresh_from_db()  # her password changed when she accepted
    client.force_login(invited["eva"])
    assert client.get(URL).status_code == 404


def test_hr_finds_the_list_from_the_directory(client, hr):
    client.force_login(hr)
    assert f'href="{URL}"' in client.get(reverse("people:directory")).content.decode()
    client.force_login(person(username="quelquun"))
    assert f'href="{URL}"' not in client.get(reverse("people:directory")).content.decode()
