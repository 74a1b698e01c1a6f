"""The embedded default itself: SQLite, Wagtail's database search, tasks inline (`make run`).

The suite's database is PostgreSQL; this test runs Ruche as `make run` does, in a process of
its own on a fresh SQLite file, and asks its API what a person would ask.
"""

import json
import subprocess
import sys

from tests.processes import REPO, embedded_environment
from tests.search.test_index_permissions import import_lines
from tests.search.test_user_text import ODD_QUERIES

SCRIPT = r"""
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from core.models import ExternalKey
from tests.intranet.factories import home_page

lines_a, lines_b, queries = json.load(open(sys.argv[1]))
home_page()

def user(name):
    return ExternalKey.objects.get(kind="person", key=f"p-{name}").content_object.user

def seen(name, text):
    client = Client()
    client.force_login(user(name))
    found = client.get("/api/search/", {"q": text})
    suggested = client.get("/api/search/suggest/", {"q": text})
    return {
        "status": [found.status_code, suggested.status_code],
        "results": sorted(
            (hit["title"], hit["key"], hit["snippet"]) for hit in found.json()["results"]
        ) if found.status_code == 200 else found.content.decode(),
        "suggestions": sorted(hit["title"] for hit in suggested.json())
        if suggested.status_code == 200 else suggested.content.decode(),
    }

report = {}
call_command("import_content", lines_a, stdout=open("/dev/null", "w"))
report["first"] = {name: seen(name, "zeppelin") for name in ("ann", "bob")}
call_command("import_content", lines_b, stdout=open("/dev/null", "w"))
report["reimported"] = {name: seen(name, "zeppelin") for name in ("ann", "bob")}
report["odd"] = {text: seen("ann", text)["status"] for text in queries}
print(json.dumps(report))
"""


def write(path, lines):
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return str(path)


def test_the_embedded_default_on_sqlite_indexes_permissions_keys_and_answers_any_query(
    tmp_path,
):
    env = embedded_environment(tmp_path)
    arguments = tmp_path / "arguments.json"
    arguments.write_text(
        json.dumps(
            [
                write(tmp_path / "a.jsonl", import_lines(["t-a"])),
                write(tmp_path / "b.jsonl", import_lines(["t-b"])),
                ODD_QUERIES,
            ]
        )
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=REPO,
        env=env,
        check=True,
        timeout=600,
        capture_output=True,
    )
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(arguments)],
        cwd=REPO,
        env=env,
        timeout=600,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])

    challenge = "Zeppelin importé"
    guide = ["Zeppelin : le guide", "page-zeppelin", "Tout sur le <mark>zeppelin</mark>."]

    def results(phase, name):
        return {
            title: [title, key, snippet] for title, key, snippet in report[phase][name]["results"]
        }

    def suggestions(phase, name):
        return report[phase][name]["suggestions"]

    # The audience is the one imported, and results carry their import key.
    assert set(results("first", "ann")) == {challenge, guide[0]}
    assert results("first", "ann")[challenge][1] == "c-zeppelin"
    assert results("first", "ann")[guide[0]] == guide
    assert challenge in suggestions("first", "ann")
    assert set(results("first", "bob")) == {guide[0]}
    assert challenge not in suggestions("first", "bob")
    # Re-imported with another audience: the index follows.
    assert set(results("reimported", "ann")) == {guide[0]}
    assert challenge not in suggestions("reimported", "ann")
    assert set(results("reimported", "bob")) == {challenge, guide[0]}
    assert results("reimported", "bob")[challenge][1] == "c-zeppelin"
    assert challenge in suggestions("reimported", "bob")
    # Snippets escape the description's apostrophe exactly once.
    assert "d&#x27;entreprise" in results("reimported", "bob")[challenge][2]
    assert "&amp;#x27;" not in results("reimported", "bob")[challenge][2]
    # Any query: results or an empty list, never a server error.
    assert {text: status for text, status in report["odd"].items() if status != [200, 200]} == {}
