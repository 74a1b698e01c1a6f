"""`make run` as an evaluator meets it: the demo loads on the embedded mode (SQLite, database
search, inline tasks) and every demo account reads the main pages without an error. The
suite runs on PostgreSQL, so only this test sees what SQLite refuses."""

import json

from tests.intranet.embedded import migrated_database, run_embedded

EVERYONE_READS = {"/", "/?page=2", "/people/", "/search/?q=t%C3%A9l%C3%A9travail", "/communities/"}


def test_every_demo_account_reads_the_main_pages_after_load_demo_on_sqlite(
    sqlite_template, tmp_path
):
    database = migrated_database(sqlite_template, tmp_path / "db.sqlite3")
    media = str(tmp_path / "media")

    loaded = run_embedded(["manage.py", "load_demo"], database, timeout=900, MEDIA_ROOT=media)
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    assert "Demo accounts" in loaded.stdout

    read = run_embedded(["tests/intranet/embedded_demo_pages.py"], database, MEDIA_ROOT=media)
    assert read.returncode == 0, read.stderr[-3000:]
    statuses = json.loads(read.stdout.strip().splitlines()[-1])
    # Everyone reads the home page, its second page, the directory, search and communities;
    # the other pages may turn some roles away, never with an error.
    errors = {
        username: {
            path: status
            for path, status in pages.items()
            if status >= 500 or (path in EVERYONE_READS and status != 200)
        }
        for username, pages in statuses.items()
    }
    assert not any(errors.values()), errors
