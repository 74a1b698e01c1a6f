"""Two consents only the person gives, on their own profile: being named in leadership's
monthly recognition post, and volunteering as an ambassador. Both start off."""

import pytest
from django.urls import reverse

from tests.people.factories import person
from tests.people.test_profiles import edit_data

pytestmark = pytest.mark.django_db


def test_nobody_has_consented_until_they_say_so():
    profile = person().profile

    assert profile.consents_to_be_highlighted is False
    assert profile.is_ambassador is False


def test_the_edit_form_explains_both_choices_in_french(client):
    owner = person()
    client.force_login(owner)

    page = client.get(reverse("people:edit", args=[owner.username])).content.decode()

    assert "La direction peut me remercier nommément" in page
    assert "publie un message de remerciement" in page
    assert "Je me porte volontaire comme ambassadeur ou ambassadrice" in page
    assert "Les communicants verront votre nom" in page


def test_a_person_opts_in_and_out_on_their_own_profile(client):
    owner = person()
    client.force_login(owner)
    url = reverse("people:edit", args=[owner.username])

    client.post(url, edit_data(consents_to_be_highlighted="on", is_ambassador="on"))
    owner.profile.refresh_from_db()
    assert owner.profile.consents_to_be_highlighted and owner.profile.is_ambassador

    client.post(url, edit_data(is_ambassador="on"))
    owner.profile.refresh_from_db()
    assert not owner.profile.consents_to_be_highlighted and owner.profile.is_ambassador

    client.post(url, edit_data())
    owner.profile.refresh_from_db()
    assert not owner.profile.consents_to_be_highlighted and not owner.profile.is_ambassador


def test_hr_neither_sees_nor_changes_someone_elses_consents(client):
    owner = person(consents_to_be_highlighted=True)
    client.force_login(person(groups=["HR"]))
    url = reverse("people:edit", args=[owner.username])

    page = client.get(url).content.decode()
    assert "consents_to_be_highlighted" not in page and "is_ambassador" not in page

    response = client.post(url, edit_data(is_ambassador="on"))

    assert response.status_code == 302
    owner.profile.refresh_from_db()
    assert owner.profile.consents_to_be_highlighted is True  # untouched, though not posted
    assert owner.profile.is_ambassador is False
