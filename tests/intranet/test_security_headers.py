"""Every response carries a Content-Security-Policy and a Permissions-Policy header: strict on
the site (no inline script or style anywhere), looser only where Wagtail's admin needs it."""

import re
from pathlib import Path

from tests.intranet.factories import home_page, publish_standard_page

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [
    path
    for path in REPO.glob("*/templates")
    if path.parent.name not in {".venv", "node_modules", "test-artifacts"}
]


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def assert_strict(policy: dict[str, list[str]]) -> None:
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


def test_site_pages_forbid_inline_scripts_and_styles(employee_client):
    page = publish_standard_page(title="Télétravail", parent=home_page())

    for url in ("/", page.url, "/people/", "/search/?q=cantine"):
        response = employee_client.get(url)
        assert response.status_code == 200, url
        assert_strict(directives(response))


def test_the_sign_in_page_and_the_api_have_the_strict_policy_too(client, db):
    assert_strict(directives(client.get("/accounts/login/")))
    assert_strict(directives(client.get("/api/me/")))


def test_only_the_admin_allows_the_inline_code_wagtail_writes(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_every_response_has_a_permissions_policy(employee_client, admin_client):
    for url in ("/", "/accounts/login/", "/api/me/", "/healthz/", "/admin/"):
        header = admin_client.get(url)["Permissions-Policy"]
        assert "camera=()" in header and "microphone=()" in header and "geolocation=()" in header


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)


def test_no_template_has_inline_script_handler_or_style():
    """What the strict policy would block, found in the source rather than by a visit."""
    found = []
    for directory in TEMPLATE_DIRS:
        for template in directory.rglob("*.html"):
            if "/email/" in template.as_posix():
                continue  # emails are read by mail clients, which never see the header
            text = template.read_text()
            for pattern in (INLINE_SCRIPT, INLINE_HANDLER, JAVASCRIPT_URL, STYLE_ATTRIBUTE):
                for match in pattern.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append(f"{template.relative_to(REPO)}:{line}: {match.group(0)}")

    assert TEMPLATE_DIRS and not found, "\n".join(found)
