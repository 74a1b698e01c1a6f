"""The embedded mode (`make run`: SQLite file, database search, inline tasks) takes
concurrent writes: people voting and commenting at the same moment are all served and all
counted, and no inline task fails on a locked database."""

import json

from tests.intranet.embedded import migrated_database, run_embedded


def test_people_voting_and_commenting_at_once_on_sqlite_are_all_served(sqlite_template, tmp_path):
    database = migrated_database(sqlite_template, tmp_path / "db.sqlite3")

    done = run_embedded(["tests/intranet/embedded_concurrent_writes.py", "8"], database)

    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["engine"] == "django.db.backends.sqlite3"
    assert summary["outcomes"] == [[302, 302]] * 8  # every vote and comment redirected: no 500
    assert summary["votes"] == summary["vote_count"] == 8
    assert summary["comments"] == 8
    assert "database is locked" not in done.stderr, done.stderr[-3000:]
