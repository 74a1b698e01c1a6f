"""Single sign-on end to end, against a real OpenID Connect provider started on loopback."""

import json
import re
import socket
import subprocess
import sys
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.urls import reverse
from django.utils import timezone

from tests.people.factories import person
from tests.processes import REPO, worker_environment

PASSWORD = "provider-password"
CLIENT_ID, CLIENT_SECRET = "ruche-test", "ruche-test-secret"
CALLBACK = "http://testserver/accounts/oidc/callback/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def identity_provider(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-provider")
    config = folder / "config.json"
    config.write_text(
        json.dumps(
            {
                "db": str(folder / "provider.sqlite3"),
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uri": CALLBACK,
                "users": [
                    {"username": name, "email": f"{name}@corp.example", "password": PASSWORD}
                    for name in ("camille", "stranger", "leaver")
                ],
            }
        )
    )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.people.oidc_provider.serve", str(port), str(config)],
        cwd=REPO,
        env={**worker_environment(), "DJANGO_SETTINGS_MODULE": ""},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        raise RuntimeError(f"the identity provider did not start: {line}{process.stdout.read()}")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sso(settings, identity_provider):
    base = identity_provider
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/o/.well-known/jwks.json"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_CREATE_USER = False
    settings.LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=refused"
    settings.AUTHENTICATION_BACKENDS = [
        "people.auth.PeopleModelBackend",
        "people.oidc.PeopleOIDCBackend",
    ]
    return base


def sign_in_at_provider(client, provider: str, username: str):
    """What a browser does: Ruche → provider (sign in there) → back to Ruche's callback."""
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302 and start["Location"].startswith(f"{provider}/o/authorize/")
    browser = requests.Session()
    to_login = browser.get(start["Location"], allow_redirects=False)
    login_url = urljoin(provider, to_login.headers["Location"])
    form = browser.get(login_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    signed_in = browser.post(
        login_url,
        data={
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": PASSWORD,
            "next": parse_qs(urlsplit(login_url).query)["next"][0],
        },
        headers={"Referer": login_url},
        allow_redirects=False,
    )
    authorized = browser.get(
        urljoin(provider, signed_in.headers["Location"]), allow_redirects=False
    )
    callback = urlsplit(authorized.headers["Location"])
    assert f"{callback.scheme}://{callback.netloc}{callback.path}" == CALLBACK
    return client.get(f"{callback.path}?{callback.query}")


@pytest.mark.django_db
def test_an_imported_person_signs_in_with_the_identity_provider(client, sso):
    camille = person(username="camille.martin", email="Camille@corp.example").profile
    camille.user.set_unusable_password()
    camille.user.save()

    response = sign_in_at_provider(client, sso, "camille")

    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(camille.user.pk)
    assert client.get(reverse("people:directory")).status_code == 200


@pytest.mark.django_db
def test_someone_unknown_to_ruche_is_refused_and_no_account_is_created(client, sso):
    from django.contrib.auth.models import User

    before = User.objects.count()

    response = sign_in_at_provider(client, sso, "stranger")

    assert response["Location"] == "/accounts/login/?sso=refused"
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == before
    page = client.get(response["Location"]).content.decode()
    assert "Contactez les RH" in page


@pytest.mark.django_db
def test_a_deactivated_person_is_refused(client, sso):
    person(username="leaver", email="leaver@corp.example", deactivated_at=timezone.now())

    response = sign_in_at_provider(client, sso, "leaver")

    assert response["Location"] == "/accounts/login/?sso=refused"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_without_oidc_settings_single_sign_on_is_off_and_local_accounts_work(client):
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404
    page = client.get(reverse("login")).content.decode()
    assert reverse("oidc_authentication_init") not in page
    local = person(username="local").profile
    local.user.set_password("a-local-password")
    local.user.save()
    assert client.login(username="local", password="a-local-password")


@pytest.mark.django_db
def test_the_sign_in_page_offers_single_sign_on_when_configured(client, sso):
    page = client.get(reverse("login")).content.decode()

    assert reverse("oidc_authentication_init") in page


@pytest.mark.django_db
def test_a_person_deactivated_by_hr_loses_their_single_sign_on_session_at_once(client, sso):
    from people.services import deactivate_profile, reactivate_profile

    camille = person(username="camille.martin", email="camille@corp.example").profile
    sign_in_at_provider(client, sso, "camille")
    assert client.get(reverse("people:directory")).status_code == 200

    deactivate_profile(profile=camille)

    refused = client.get(reverse("people:directory"))
    assert refused.status_code == 302 and refused["Location"].startswith(reverse("login"))
    assert client.get("/api/me/").status_code == 401
    reactivate_profile(profile=camille)
    assert client.get(reverse("people:directory")).status_code == 302  # the session ended
    sign_in_at_provider(client, sso, "camille")
    assert client.get(reverse("people:directory")).status_code == 200


@pytest.mark.django_db
def test_a_single_sign_on_session_is_refused_whichever_way_the_person_was_deactivated(client, sso):
    from people.models import Profile

    camille = person(username="camille.martin", email="camille@corp.example").profile
    sign_in_at_provider(client, sso, "camille")

    Profile.objects.filter(pk=camille.pk).update(deactivated_at=timezone.now())

    assert client.get(reverse("people:directory")).status_code == 302
    assert client.get("/api/me/").status_code == 401
