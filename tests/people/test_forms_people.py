"""People's forms given back after an invalid submission (profile, kudos, directory filters,
a guest's password): the error summary, errors tied to their fields, nothing typed lost."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.text import TITLE_MAX_LENGTH
from people.guests import invite_guest
from people.models import GuestInvitation, Kudos, invitation_token
from tests.frontend.forms import assert_given_back, tag_with_id
from tests.people.factories import TeamFactory, person, value

pytestmark = pytest.mark.django_db


def test_an_invalid_profile_is_given_back_with_everything_typed(client):
    camille = person(username="camille")
    client.force_login(camille)

    response = client.post(
        reverse("people:edit", args=["camille"]),
        {
            "job_title": "x" * (TITLE_MAX_LENGTH + 1),
            "location": "Lyon Part-Dieu",
            "phone": "+33 4 72 00 00 00",
            "skills": "Python, RGPD",
            "bio": "J'aime les abeilles.",
        },
    )

    html = response.content.decode()
    assert_given_back(
        html,
        "id_job_title",
        kept=("Lyon Part-Dieu", "+33 4 72 00 00 00", "Python, RGPD", "J&#x27;aime les abeilles."),
    )
    assert 'aria-describedby="id_skills-help"' in tag_with_id(html, "id_skills")


def test_the_profile_fields_tell_phones_what_to_type(client):
    client.force_login(person(username="camille"))

    html = client.get(reverse("people:edit", args=["camille"])).content.decode()

    phone = tag_with_id(html, "id_phone")
    assert 'type="tel"' in phone and 'autocomplete="tel"' in phone and 'inputmode="tel"' in phone
    assert 'autocomplete="organization-title"' in tag_with_id(html, "id_job_title")
    assert 'accept="image/jpeg,image/png"' in tag_with_id(html, "id_photo")


def test_kudos_without_a_message_keep_the_value_chosen(client):
    sender = person()
    person(username="camille")
    chosen, other = value("Coopération"), value("Audace")
    client.force_login(sender)

    response = client.post(
        reverse("people:kudos", args=["camille"]), {"value": chosen.pk, "message": ""}
    )

    assert response.status_code == 400 and not Kudos.objects.exists()
    html = response.content.decode()
    assert_given_back(html, "id_message")
    checked = [tag for tag in html.split("<input") if 'name="value"' in tag and "checked" in tag]
    assert len(checked) == 1 and f'value="{chosen.pk}"' in checked[0]
    assert other.name in html


def test_kudos_without_a_value_keep_the_message(client):
    person(username="camille")
    value("Coopération")
    client.force_login(person())

    response = client.post(
        reverse("people:kudos", args=["camille"]), {"message": "Merci pour le dossier !"}
    )

    assert_given_back(response.content.decode(), "id_value_0", kept=("Merci pour le dossier !",))


def test_a_bad_directory_filter_opens_the_drawer_with_the_error_and_keeps_the_others(client):
    client.force_login(person())

    html = client.get(
        reverse("people:directory"), {"team": "no-such-team", "knows": "Python"}
    ).content.decode()

    assert '<details class="filter-drawer" open' in html
    assert_given_back(html, "id_team", kept=('value="Python"',))


def test_the_directory_filters_sit_in_the_drawer_after_the_people_with_their_count(client):
    team = TeamFactory(name="Marketing", slug="marketing")
    person(first_name="Camille", team=team, location="Lyon")
    client.force_login(person())

    html = client.get(
        reverse("people:directory"), {"team": "marketing", "knows": "", "sort": "-name"}
    ).content.decode()

    assert html.index('class="card-list"') < html.index('<details class="filter-drawer"')
    assert '<details class="filter-drawer" data-filter-drawer>' in html  # closed on phones
    assert '<span aria-hidden="true">1</span>' in html  # the team; the sort is no filter
    assert '<p class="filter-drawer__clear"><a href="/people/">' in html
    assert "filter-drawer__count" not in client.get(reverse("people:directory")).content.decode()


def test_a_guest_whose_two_passwords_differ_is_told_at_the_top_and_at_the_field(client):
    invited = invite_guest(
        email="expert@partner.example",
        first_name="Eva",
        last_name="Experte",
        invited_by=person(),
        access_until=timezone.localdate() + timedelta(days=30),
    )
    invitation = GuestInvitation.objects.get(user=invited)
    url = reverse("people:guest_accept", args=[invitation_token(invitation)])

    response = client.post(
        url, {"new_password1": "une ruche au printemps", "new_password2": "autre chose"}
    )

    html = response.content.decode()
    assert_given_back(html, "id_new_password2")
    assert 'autocomplete="new-password"' in tag_with_id(html, "id_new_password1")
    assert "<ul>" in html.split('id="id_new_password1-help"', 1)[1][:300]  # the rules, as a list
