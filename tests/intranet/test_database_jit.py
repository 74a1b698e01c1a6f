"""Ruche's PostgreSQL connections run without JIT compilation (DATABASE_JIT, default off).

At 50,000 people the estimated cost of the home feed's and the digest's news queries passes
PostgreSQL's jit_above_cost, and compiling them took 1.7 s for 0.4 s of work
(bench/scale.py --explain); pages only run short queries, for which JIT never pays off.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]


def database_options(**env: str) -> subprocess.CompletedProcess[str]:
    """Print the connection options Ruche derives from this environment."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.DATABASES['default'].get('OPTIONS', {}).get('options'))",
        ],
        cwd=REPO,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "intranet.settings.base",
            "DATABASE_URL": "postgres://ruche:ruche@127.0.0.1:5432/ruche",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.django_db
def test_ruche_connections_run_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_database_jit_on_leaves_the_server_setting():
    assert database_options(DATABASE_JIT="on").stdout.strip() == "None"


def test_behind_pgbouncer_no_startup_option_is_sent():
    # PgBouncer refuses startup parameters it does not know: jit is then set on the server.
    result = database_options(DATABASE_POOLER="pgbouncer")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"


def test_a_wrong_database_jit_value_stops_start_up_with_its_name():
    result = database_options(DATABASE_JIT="maybe")
    assert result.returncode != 0
    assert "DATABASE_JIT must be 'on' or 'off', not 'maybe'" in result.stderr
