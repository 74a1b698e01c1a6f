import pytest


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """Where the session's migrated SQLite database is kept (tests/intranet/embedded.py)."""
    return tmp_path_factory.mktemp("embedded") / "migrated.sqlite3"
