"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={
            # The browser tests allow sync database calls next to Playwright's event loop;
            # a deployment never does.
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
            "DATABASE_URL": "postgres://ruche:ruche@127.0.0.1:5432/ruche",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 20 + "4f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f",
        ALLOWED_HOSTS="intranet.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_real_secret_key():
    result = run_manage("check", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_sends_the_content_security_and_permissions_policies():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'], s.PERMISSIONS_POLICY, "
        "'intranet.middleware.ContentSecurityPolicyMiddleware' in s.MIDDLEWARE)",
        SECRET_KEY="k" * 20 + "4f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f",
    )

    assert result.returncode == 0, result.stderr
    assert "[\"'self'\"]" in result.stdout and "camera=()" in result.stdout
    assert result.stdout.strip().endswith("True")
