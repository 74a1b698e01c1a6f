"""The sign-in form, given back after a wrong or missing entry: the error summary, the
username kept (never the password), and the attributes phones' keyboards follow."""

import pytest
from django.urls import reverse

from tests.frontend.forms import assert_given_back, error_summary, tag_with_id
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_wrong_password_is_summed_up_at_the_top_and_the_username_is_kept(client):
    UserFactory(username="camille")

    html = client.post(reverse("login"), {"username": "camille", "password": "nope"}).content
    html = html.decode()

    assert "<li>" in error_summary(html)  # the form's own error, not a field's
    assert 'value="camille"' in tag_with_id(html, "id_username")
    assert "value=" not in tag_with_id(html, "id_password")


def test_a_missing_username_links_to_its_field_which_points_at_its_error(client):
    html = client.post(reverse("login"), {"username": "", "password": "secret"}).content.decode()

    assert_given_back(html, "id_username")


def test_the_fields_say_what_they_hold_to_browsers_and_phones(client):
    html = client.get(reverse("login")).content.decode()

    username, password = tag_with_id(html, "id_username"), tag_with_id(html, "id_password")
    assert 'autocomplete="username"' in username and 'autocapitalize="none"' in username
    assert 'spellcheck="false"' in username
    assert 'type="password"' in password and 'autocomplete="current-password"' in password
    assert html.count('class="field__required"') == 2
