"""Behind PgBouncer in transaction pooling mode (DATABASE_POOLER=pgbouncer), Ruche's writes and
pages work, and the settings switch turns off what transaction pooling cannot carry.

The PgBouncer tests start a real `pgbouncer` (Debian's package, /usr/sbin/pgbouncer) on a
loopback port of this test slot, pointing at the PostgreSQL server of `make services`, with a
pool of two server connections so that consecutive transactions of one client land on
different server connections.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from ideas.models import Idea, Vote
from ideas.services import cast_vote
from people.models import Team
from tests.ideas.factories import challenge, idea
from tests.people.factories import person

REPO = Path(__file__).resolve().parents[2]
PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
SLOT = int(os.environ.get("RUCHE_TEST_SLOT", "0"))
PORT = 16430 + SLOT


def settings_with(**env: str) -> subprocess.CompletedProcess[str]:
    """Print the database settings Ruche derives from this environment."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "d = s.DATABASES['default']; "
            "print(d.get('DISABLE_SERVER_SIDE_CURSORS', False), d['CONN_MAX_AGE'], "
            "d['CONN_HEALTH_CHECKS'], s.DATABASE_POOLER)",
        ],
        cwd=REPO,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "intranet.settings.base",
            "DATABASE_URL": "postgres://ruche:ruche@127.0.0.1:6432/ruche",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_behind_pgbouncer_server_side_cursors_are_off_and_connections_persist():
    result = settings_with(DATABASE_POOLER="pgbouncer")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "60", "True", "pgbouncer"]


def test_without_a_pooler_server_side_cursors_stay_on():
    result = settings_with(DATABASE_POOLER="")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "60", "True", "none"]


def test_an_unknown_pooler_is_refused_with_a_clear_error():
    result = settings_with(DATABASE_POOLER="pgpool")

    assert result.returncode != 0
    assert "DATABASE_POOLER must be 'pgbouncer' or 'none'" in result.stderr


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pgbouncer exited with status {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"pgbouncer did not listen on {port}")


@pytest.fixture(scope="module")
def pgbouncer(tmp_path_factory):
    """A PgBouncer in transaction pooling mode on 127.0.0.1:PORT, two server connections."""
    if not Path(PGBOUNCER).exists():
        pytest.fail("pgbouncer is not installed: apt-get install -y pgbouncer")
    folder = tmp_path_factory.mktemp("pgbouncer")
    # PgBouncer refuses to run as root: it then switches to the package's `postgres` user.
    run_as = "user = postgres\n" if os.geteuid() == 0 else ""
    for level in (folder, *folder.parents):
        if level.owner() == "root" and level != Path("/"):
            level.chmod(level.stat().st_mode | 0o755)
    (folder / "users.txt").write_text('"ruche" "ruche"\n')
    (folder / "pgbouncer.ini").write_text(
        "[databases]\n"
        "* = host=127.0.0.1 port=5432\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {PORT}\nunix_socket_dir =\n"
        f"auth_type = md5\nauth_file = {folder / 'users.txt'}\n"
        "admin_users = ruche\npool_mode = transaction\n"
        "default_pool_size = 2\nmax_client_conn = 50\n"
        "ignore_startup_parameters = extra_float_digits,options\n" + run_as
    )
    process = subprocess.Popen(
        [PGBOUNCER, str(folder / "pgbouncer.ini")],
        stdout=subprocess.DEVNULL,
        stderr=(folder / "pgbouncer.log").open("wb"),
    )
    try:
        _wait_for_port(PORT, process)
        yield PORT
    finally:
        process.terminate()
        process.wait(timeout=10)


def _transactions_through(port: int, database: str) -> int:
    """How many transactions PgBouncer has passed to this database (its admin console)."""
    admin = psycopg2.connect(
        host="127.0.0.1", port=port, user="ruche", password="ruche", dbname="pgbouncer"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SHOW STATS")
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    admin.close()
    return sum(row["total_xact_count"] for row in rows if row["database"] == database)


@pytest.fixture
def through_pgbouncer(pgbouncer, transactional_db):
    """Django's connection re-pointed at PgBouncer, as DATABASE_POOLER=pgbouncer sets it.

    Transactional: each service's transaction really commits through the pooler (the usual
    test transaction would pin one server connection for the whole test).
    """
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(
        {"HOST": "127.0.0.1", "PORT": str(pgbouncer), "DISABLE_SERVER_SIDE_CURSORS": True}
    )
    try:
        yield connection.settings_dict["NAME"]
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def test_votes_comments_and_pages_go_through_pgbouncer(through_pgbouncer, client, pgbouncer):
    before = _transactions_through(pgbouncer, through_pgbouncer)
    campaign = challenge(phase="voting")
    target = idea(campaign)
    voters = [person(username=f"voter{n}") for n in range(3)]

    for voter in voters:
        cast_vote(user=voter, idea=target)
    client.force_login(voters[0])
    posted = client.post(f"/ideas/{target.pk}/comments/", {"body": "Bonne idée, on essaie ?"})
    page = client.get(f"/ideas/{target.pk}/")

    assert posted.status_code in (200, 302)
    assert page.status_code == 200
    assert "Bonne idée, on essaie ?" in page.content.decode()
    target.refresh_from_db()
    assert target.vote_count == 3
    assert Vote.objects.filter(idea=target).count() == 3
    assert _transactions_through(pgbouncer, through_pgbouncer) > before


def test_a_long_listing_is_read_through_pgbouncer_without_server_side_cursors(
    through_pgbouncer,
):
    Team.objects.bulk_create(Team(name=f"Équipe {n}", slug=f"equipe-{n}") for n in range(250))

    names = [team.name for team in Team.objects.order_by("pk").iterator(chunk_size=50)]

    assert len(names) == 250
    assert not Idea.objects.exists()
