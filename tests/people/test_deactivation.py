"""Someone who leaves loses access at once: every way of signing in refuses a deactivated
person on every request (password sessions, single sign-on in tests/people/test_single_sign_on.py,
API tokens), and deactivating them, however it is done, ends their sessions and revokes their
API tokens, which do not come back if they are reactivated."""

import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken

from people.models import Profile
from people.services import deactivate_profile, reactivate_profile
from tests.importing import run_import
from tests.people.factories import PASSWORD, UserFactory, person

pytestmark = pytest.mark.django_db


def bearer(user) -> tuple[APIToken, dict]:
    token, raw = APIToken.create_token(user=user, name="bot")
    return token, {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def signed_in(client, user) -> None:
    assert (
        client.post(reverse("login"), {"username": user.username, "password": PASSWORD})["Location"]
        == "/"
    )
    assert client.get(reverse("people:directory")).status_code == 200


def is_signed_out(client) -> bool:
    response = client.get(reverse("people:directory"))
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_hr_deactivating_someone_ends_their_sessions_and_revokes_their_tokens(client):
    leaver = person().profile
    token, headers = bearer(leaver.user)
    signed_in(client, leaver.user)
    hr = type(client)()
    hr.force_login(person(groups=["HR"]))

    hr.post(reverse("people:deactivate", args=[leaver.user.username]))

    assert is_signed_out(client)
    assert client.get("/api/me/", **headers).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    hr.post(reverse("people:deactivate", args=[leaver.user.username]), {"action": "reactivate"})
    assert is_signed_out(client)
    assert client.get("/api/me/", **headers).status_code == 401
    signed_in(client, leaver.user)


def test_a_deactivated_profile_is_refused_by_the_password_backend_even_if_the_account_is_on(
    client,
):
    leaver = person().profile
    signed_in(client, leaver.user)

    Profile.objects.filter(pk=leaver.pk).update(deactivated_at=timezone.now())

    assert is_signed_out(client)
    client.post(reverse("login"), {"username": leaver.user.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_an_api_token_is_refused_as_soon_as_its_owner_is_deactivated(client):
    leaver = person().profile
    _token, headers = bearer(leaver.user)
    assert client.get("/api/me/", **headers).status_code == 200

    Profile.objects.filter(pk=leaver.pk).update(deactivated_at=timezone.now())

    refused = client.get("/api/me/", **headers)
    assert refused.status_code == 401 and refused.json() == {"error": "Authentication required."}
    assert client.get("/api/openapi.json", **headers).status_code == 401
    assert client.get("/api/ideas/challenges/", **headers).status_code == 401


def test_an_account_switched_off_in_the_admin_loses_its_sessions_and_tokens(client):
    user = UserFactory()
    token, headers = bearer(user)
    signed_in(client, user)

    user.is_active = False
    user.save()

    assert is_signed_out(client)
    token.refresh_from_db()
    assert token.revoked_at is not None
    user.is_active = True
    user.save()
    assert is_signed_out(client)
    assert client.get("/api/me/", **headers).status_code == 401


def test_a_deactivation_in_the_admin_form_ends_the_sessions(client):
    user = UserFactory()
    token, _headers = bearer(user)
    signed_in(client, user)
    admin = type(client)()
    admin.force_login(UserFactory(is_superuser=True, is_staff=True))
    form = admin.get(f"/admin/users/edit/{user.pk}/").content.decode()
    assert 'name="is_active"' in form

    response = admin.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "password1": "",
            "password2": "",
        },
    )

    assert response.status_code == 302
    assert not User.objects.get(pk=user.pk).is_active
    assert is_signed_out(client)
    token.refresh_from_db()
    assert token.revoked_at is not None


def hr_line(key: str, email: str, **fields) -> dict:
    return {
        "kind": "person",
        "key": key,
        "first_name": "Léa",
        "last_name": "Départ",
        "email": email,
        **fields,
    }


def test_the_hr_import_deactivates_someone_marked_inactive_and_ends_their_access(client, tmp_path):
    path = tmp_path / "hr.jsonl"
    path.write_text(json.dumps(hr_line("p1", "lea@example.org")) + "\n")
    run_import(path)
    lea = User.objects.get(email="lea@example.org")
    lea.set_password(PASSWORD)
    lea.save()
    token, headers = bearer(lea)
    signed_in(client, lea)

    path.write_text(json.dumps(hr_line("p1", "lea@example.org", active=False)) + "\n")
    out, err = run_import(path)

    assert err == "" and "person: 0 created, 1 updated, 0 failed" in out
    profile = Profile.objects.get(user=lea)
    assert profile.deactivated_at is not None and not profile.user.is_active
    assert is_signed_out(client)
    token.refresh_from_db()
    assert token.revoked_at is not None
    path.write_text(json.dumps(hr_line("p1", "lea@example.org", active=True)) + "\n")
    run_import(path)
    profile.refresh_from_db()
    assert profile.is_active
    assert is_signed_out(client)


def test_the_hr_import_creates_someone_already_gone_as_deactivated_and_refuses_a_bad_flag(
    tmp_path,
):
    path = tmp_path / "hr.jsonl"
    lines = [
        hr_line("p1", "gone@example.org", active=False),
        hr_line("p2", "odd@example.org", active="no"),
        hr_line("p3", "here@example.org"),
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))

    out, err = run_import(path, expect_failure=True)

    assert f"{path}:2: field 'active' must be true or false" in err
    assert "person: 2 created, 0 updated, 1 failed" in out
    gone = Profile.objects.get(user__email="gone@example.org")
    assert gone.deactivated_at is not None and not gone.user.is_active
    assert Profile.objects.get(user__email="here@example.org").is_active
    assert not User.objects.filter(email="odd@example.org").exists()


def test_any_service_deactivating_someone_ends_their_access():
    leaver = person().profile
    token, _headers = bearer(leaver.user)

    deactivate_profile(profile=leaver)
    reactivate_profile(profile=leaver)

    token.refresh_from_db()
    assert token.revoked_at is not None
    leaver.refresh_from_db()
    assert leaver.sessions_ended_at is not None


def test_the_admin_bulk_action_marking_people_inactive_ends_their_access(client):
    leavers = [UserFactory(), UserFactory()]
    tokens = [bearer(user)[0] for user in leavers]
    signed_in(client, leavers[0])
    admin = type(client)()
    admin.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtail_bulk_action", args=["auth", "user", "set_active_state"])
    query = "&".join(f"id={user.pk}" for user in leavers)

    response = admin.post(f"{url}?{query}", {"mark_as_active": "False"})

    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[user.pk for user in leavers], is_active=True).exists()
    for token in tokens:
        token.refresh_from_db()
        assert token.revoked_at is not None
    User.objects.filter(pk=leavers[0].pk).update(is_active=True)
    assert is_signed_out(client)
