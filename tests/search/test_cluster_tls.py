"""An engine that requires TLS and credentials: Ruche searches and indexes through it with the
right user, password and CA; a wrong password or a certificate from an unknown CA gives an
error that names the cause, and the search page and API degrade as when the engine is down.

The engine is the suite's OpenSearch node behind Debian's nginx, which terminates TLS with a
certificate made here (its own CA) and requires basic auth, as a managed cluster or the
OpenSearch security plugin would.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import transaction

from intranet.settings.base import search_client_options
from scripts.search_certificates import certificate_authority, signed_certificate, write_pem
from search.engine import SearchRefused, get_engine
from search.indexing import IndexingError, _mapping_checked, ensure_index, sync_objects
from search.services import run_search
from tests.intranet.factories import home_page, publish_standard_page
from tests.mail import free_port
from tests.people.factories import UserFactory
from tests.processes import wait_for

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
USER, PASSWORD = "ruche", "c0rrect-horse"


def ssha(password: str) -> str:
    """An htpasswd entry nginx reads: {SSHA} base64(sha1(password + salt) + salt)."""
    salt = os.urandom(8)
    digest = hashlib.sha1(password.encode() + salt).digest()  # noqa: S324 - htpasswd's format
    return "{SSHA}" + base64.b64encode(digest + salt).decode()


NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
error_log {folder}/error.log warn;
pid {folder}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    client_max_body_size 100m;
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {folder}/server.pem;
        ssl_certificate_key {folder}/server.key;
        auth_basic "OpenSearch";
        auth_basic_user_file {folder}/htpasswd;
        location / {{
            proxy_pass {upstream};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }}
    }}
}}
"""


class TlsProxy:
    """nginx on a free loopback port: TLS with a certificate of `ca.pem`, basic auth, and the
    suite's OpenSearch node behind it."""

    def __init__(self, folder: Path, upstream: str) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        # The certificates compose.yaml's cluster profile makes (scripts/search_certificates.py).
        ca, ca_key = certificate_authority("Ruche test CA")
        write_pem(folder / "ca.pem", ca)
        write_pem(folder / "server.pem", *signed_certificate(ca, ca_key, "node", ["127.0.0.1"]))
        write_pem(folder / "other-ca.pem", certificate_authority("Someone else's CA")[0])
        (folder / "htpasswd").write_text(f"{USER}:{ssha(PASSWORD)}\n")
        config = folder / "nginx.conf"
        config.write_text(NGINX_CONF.format(folder=folder, port=self.port, upstream=upstream))
        log = (folder / "nginx.out").open("w")
        self.process = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(config)], stdout=log, stderr=subprocess.STDOUT
        )
        wait_for(self._listening, timeout=20, message=f"nginx did not start ({folder})")

    def _listening(self) -> bool:
        assert self.process.poll() is None, (self.folder / "nginx.out").read_text()
        return (
            subprocess.run(
                ["bash", "-c", f"exec 3<>/dev/tcp/127.0.0.1/{self.port}"], check=False
            ).returncode
            == 0
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    from django.conf import settings

    server = TlsProxy(tmp_path_factory.mktemp("tls-proxy"), settings.SEARCH_URLS[0])
    yield server
    server.stop()


@pytest.fixture
def through_proxy(proxy, settings):
    """Point the configured backend at the proxy with these credentials and CA file; the
    client options are built from them as intranet/settings/base.py builds them from SEARCH_*."""
    prefix = f"{settings.SEARCH_INDEX_PREFIX}tls_"
    original = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)

    def configure(*, password: str = PASSWORD, ca_file: str = "ca.pem") -> None:
        backends = copy.deepcopy(original)
        backends["default"].update(
            URLS=[proxy.url],
            INDEX_PREFIX=prefix,
            OPTIONS=search_client_options(
                "opensearch2",
                [proxy.url],
                user=USER,
                password=password,
                ca_file=str(proxy.folder / ca_file),
                max_retries=settings.SEARCH_MAX_RETRIES,
            ),
        )
        settings.WAGTAILSEARCH_BACKENDS = backends
        settings.SEARCH_INDEX_PREFIX = prefix
        get_engine.cache_clear()
        _mapping_checked.clear()

    configure()
    engine = get_engine()
    for old in engine.indices_behind_alias():
        engine.delete_index(old)
    yield configure
    configure()
    for old in get_engine().indices_behind_alias():
        get_engine().delete_index(old)
    get_engine.cache_clear()
    _mapping_checked.clear()


@pytest.fixture
def page(db):
    with transaction.atomic():
        return publish_standard_page(title="Charte de sécurité informatique", parent=home_page())


def test_search_and_index_update_succeed_with_the_right_user_password_and_ca(through_proxy, page):
    employee = UserFactory()
    assert get_engine().client.info()["version"]["distribution"] == "opensearch"

    sync_objects("page", [str(page.pk)])  # what the worker runs for an index update
    get_engine().refresh()

    results = run_search(user=employee, text="sécurité informatique").results
    assert [hit.title for hit in results] == ["Charte de sécurité informatique"]
    assert get_engine().diagnose() is None


def test_a_wrong_password_is_named_and_the_search_page_degrades(
    through_proxy, page, employee_client
):
    through_proxy(password="wrong")
    with pytest.raises(SearchRefused, match=r"refused Ruche's credentials \(HTTP 401\)"):
        run_search(user=UserFactory(), text="sécurité")
    with pytest.raises(IndexingError, match="SEARCH_USER and SEARCH_PASSWORD"):
        sync_objects("page", [str(page.pk)])
    assert "SEARCH_PASSWORD" in get_engine().diagnose()

    response = employee_client.get("/search/", {"q": "sécurité"})
    assert response.status_code == 503
    assert response.context["unavailable"] is True
    api = employee_client.get("/api/search/", {"q": "sécurité"})
    assert api.status_code == 503
    assert "temporarily unavailable" in api.json()["error"]


def test_a_certificate_from_an_unknown_ca_is_named_and_the_search_page_degrades(
    through_proxy, page, employee_client
):
    through_proxy(ca_file="other-ca.pem")
    with pytest.raises(SearchRefused, match="TLS certificate cannot be verified.*SEARCH_CA_FILE"):
        run_search(user=UserFactory(), text="sécurité")
    with pytest.raises(IndexingError, match="SEARCH_CA_FILE"):
        sync_objects("page", [str(page.pk)])

    response = employee_client.get("/search/", {"q": "sécurité"})
    assert response.status_code == 503
    assert response.context["unavailable"] is True


def test_the_index_is_created_through_the_proxy_with_the_settings(through_proxy, db):
    name = ensure_index()
    assert get_engine().indices_behind_alias()
    assert name.endswith("tls_unified")
