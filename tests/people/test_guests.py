"""Guests: outside experts invited by an employee, who choose a password through a link that
works once for seven days, whose access ends on a date, and who are told apart from
employees in every list of names. What they may reach is in test_guest_boundary.py."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken

from core.models import OutboxTask
from core.outbox import run_stored_task
from people.guests import (
    AccessEnd,
    EmployeeEmail,
    GuestError,
    end_guest_access,
    invite_guest,
)
from people.models import GuestInvitation, Profile, invitation_token
from people.tasks import send_guest_invitation
from tests.frontend.tables import assert_stacked
from tests.people.factories import PASSWORD, guest, person

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "une ruche au printemps"


@pytest.fixture
def client(client):
    """Pages read in English, the source language (the French catalogue comes with the merge)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def animator(db):
    return person(username="anne", first_name="Anne", last_name="Animatrice")


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


def invite(animator, email="expert@partner.example", **fields) -> User:
    fields.setdefault("access_until", in_days(60))
    return invite_guest(
        email=email, first_name="Eva", last_name="Experte", invited_by=animator, **fields
    )


def link(user: User) -> str:
    invitation = GuestInvitation.objects.filter(user=user).latest("created_at")
    return reverse("people:guest_accept", args=[invitation_token(invitation)])


def run_invitation_emails() -> list:
    rows = OutboxTask.objects.filter(task_path="people.tasks.send_guest_invitation")
    return [run_stored_task(row.pk) for row in rows.order_by("pk")]


def bearer(user) -> tuple[APIToken, dict]:
    token, raw = APIToken.create_token(user=user, name="bot")
    return token, {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


# --- the invitation ---------------------------------------------------------------------------


def test_inviting_creates_a_guest_account_without_a_password_marked_until_their_last_day(
    animator,
):
    user = invite(animator, email="Expert@Partner.example", access_until=in_days(30))

    assert user.email == "expert@partner.example"
    assert user.is_active and not user.has_usable_password()
    profile = Profile.objects.get(user=user)
    assert profile.is_guest and profile.guest_until == in_days(30)
    assert profile.invited_by == animator and profile.invited_at is not None
    invitation = GuestInvitation.objects.get(user=user)
    assert abs(invitation.expires_at - invitation.created_at - timedelta(days=7)).seconds < 5
    assert invitation.token_hash and invitation_token(invitation) not in invitation.token_hash


def test_the_invitation_is_emailed_once_after_commit_with_its_link_inviter_and_welcome(
    animator, smtp_server
):
    user = invite(animator, welcome="Anne vous invite dans la communauté Data.")
    assert smtp_server.messages == [], "nothing is sent before a worker runs the stored task"

    assert run_invitation_emails() == ["done"]
    invitation = GuestInvitation.objects.get(user=user)
    assert send_guest_invitation.call(invitation.pk) is False, "sent already: not again"

    [message] = smtp_server.to("expert@partner.example")
    body = smtp_server.body(message)
    assert "Anne Animatrice" in message["Subject"]
    assert "Anne vous invite dans la communauté Data." in body
    assert "http://" in body and link(user) in body
    assert user.username in body
    assert len(smtp_server.messages) == 1


def test_an_employees_email_is_refused_whatever_its_case(animator):
    person(email="camille.martin@example.org")

    with pytest.raises(EmployeeEmail) as refused:
        invite(animator, email="Camille.Martin@EXAMPLE.org")

    assert "camille.martin@example.org" in str(refused.value)
    assert isinstance(refused.value, ValueError)
    assert not GuestInvitation.objects.exists()


@pytest.mark.parametrize("days", [-1, 400])
def test_the_end_of_access_is_a_date_within_the_coming_year(animator, days):
    with pytest.raises(AccessEnd):
        invite(animator, access_until=in_days(days))

    assert not User.objects.filter(email="expert@partner.example").exists()


def test_a_guest_cannot_invite_anyone_nor_be_invited_without_a_valid_address(animator):
    expert = guest(invited_by=animator)

    with pytest.raises(GuestError):
        invite(expert, email="friend@partner.example")
    with pytest.raises(GuestError):
        invite(animator, email="not an address")


def test_a_guest_whose_account_hr_closed_is_not_invited_again(animator):
    expert = guest(invited_by=animator)
    Profile.objects.filter(user=expert).update(deactivated_at=timezone.now())

    with pytest.raises(GuestError):
        invite(animator, email=expert.email)


def test_inviting_again_extends_access_and_only_the_newest_link_works(client, animator):
    user = invite(animator, access_until=in_days(20))
    first = link(user)

    again = invite(animator, access_until=in_days(90))

    assert again == user
    assert Profile.objects.get(user=user).guest_until == in_days(90)
    assert client.get(first).status_code == 410
    assert client.get(link(user)).status_code == 200
    invite(animator, access_until=in_days(10))
    assert Profile.objects.get(user=user).guest_until == in_days(90), "never shortened"


def test_the_database_holds_one_guest_account_per_address_whatever_its_case(animator):
    invite(animator, email="Expert@Partner.example")
    other = person(username="autre")

    assert Profile.objects.get(guest_email="expert@partner.example").user.username == "expert"
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.filter(user=other).update(
            is_guest=True, guest_email="EXPERT@partner.example"
        )


# --- accepting --------------------------------------------------------------------------------


def test_the_link_lets_the_guest_choose_a_checked_password_and_signs_them_in(client, animator):
    user = invite(animator)
    url = link(user)

    page = client.get(url)
    weak = client.post(url, {"new_password1": "123", "new_password2": "123"})
    accepted = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert page.status_code == 200 and "Anne Animatrice" in page.content.decode()
    assert weak.status_code == 200 and weak.context["form"].errors
    assert accepted.status_code == 302 and accepted["Location"] == "/"
    assert client.get("/")["Location"] == reverse("people:guest_home")
    home = client.get(reverse("people:guest_home"))
    assert "You do not have access to any community yet." in home.content.decode()
    client.logout()
    assert client.login(username=user.username, password=NEW_PASSWORD)


def test_a_used_link_says_to_ask_for_a_new_invitation(client, animator):
    url = link(invite(animator))
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()

    again = client.get(url)
    replay = client.post(url, {"new_password1": "autre chose 123", "new_password2": "x"})

    assert again.status_code == 410 == replay.status_code
    assert "Ask Anne Animatrice, who invited you, for a new invitation." in again.content.decode()


def test_an_expired_link_says_to_ask_for_a_new_invitation(client, animator):
    user = invite(animator)
    GuestInvitation.objects.filter(user=user).update(expires_at=timezone.now())

    response = client.get(link(user))

    assert response.status_code == 410
    assert "for a new invitation" in response.content.decode()
    assert client.get(reverse("people:guest_accept", args=["nope"])).status_code == 404


# --- the end of access ------------------------------------------------------------------------


def test_a_guest_past_their_last_day_is_refused_on_their_next_request_and_api_call(
    client, animator
):
    expert = guest(invited_by=animator)
    _, headers = bearer(expert)
    client.login(username=expert.username, password=PASSWORD)
    assert client.get(reverse("people:guest_home")).status_code == 200
    assert client.get("/api/me/", **headers).status_code == 200

    Profile.objects.filter(user=expert).update(guest_until=in_days(-1))

    response = client.get(reverse("people:guest_home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get("/api/me/", **headers).status_code == 401
    assert not client.login(username=expert.username, password=PASSWORD)


def test_their_last_day_is_still_theirs(client, animator):
    expert = guest(invited_by=animator, until=timezone.localdate())

    assert client.login(username=expert.username, password=PASSWORD)


def test_ending_a_guests_access_ends_their_sessions_tokens_and_links_at_once(client, animator):
    expert = guest(invited_by=animator)
    token, headers = bearer(expert)
    client.login(username=expert.username, password=PASSWORD)
    pending = link(invite(animator, email=expert.email))

    end_guest_access(user=expert, by=animator)

    response = client.get(reverse("people:guest_home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get("/api/me/", **headers).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(pending).status_code == 410
    assert Profile.objects.get(user=expert).guest_until < timezone.localdate()


def test_an_employees_access_is_not_ended_as_a_guests(animator):
    with pytest.raises(GuestError):
        end_guest_access(user=person(), by=animator)


# --- the admin's list -------------------------------------------------------------------------


def test_administrators_list_guests_with_who_invited_them_and_end_their_access(
    admin_client, animator
):
    expert = guest(invited_by=animator, first_name="Eva", last_name="Experte")

    listing = admin_client.get(reverse("people_guests"))
    ended = admin_client.post(reverse("people_guest_end", args=[expert.pk]))

    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Eva Experte" in html and "Anne Animatrice" in html and expert.email in html
    assert ended.status_code == 302
    assert Profile.objects.get(user=expert).guest_until < timezone.localdate()


def test_guests_are_not_in_the_directory_nor_among_active_people(client, animator):
    expert = guest(invited_by=animator, first_name="Eva", last_name="Experte")
    client.force_login(animator)

    directory = client.get(reverse("people:directory"))

    assert "Experte" not in directory.content.decode()
    assert not Profile.objects.active().filter(user=expert).exists()


def test_the_admins_guest_list_becomes_cards_on_phones(admin_client, animator):
    guest(invited_by=animator, first_name="Eva", last_name="Experte")

    html = admin_client.get(reverse("people_guests")).content.decode()

    assert assert_stacked(html) == 5  # guest, email, inviter, invited at, until; not actions
    assert "frontend/css/tables" in html
