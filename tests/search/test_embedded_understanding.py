"""The embedded default understands questions too: Wagtail's database search (PostgreSQL here,
SQLite in test_embedded_sqlite.py) with stop words, intent, translations, a relaxed tier,
prefixes for as-you-type, the answer card, and the same permissions."""

import json
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from search.indexing import rebuild
from search.services import run_search, suggest
from tests.people.factories import UserFactory
from tests.processes import REPO, embedded_environment
from tests.search.factories import small_intranet

# What people type, and what they should not but may: query syntax of every engine and
# database, quotes, control characters, emoji, stop words only, words too long to index.
PIECES = [
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "*",
    "**",
    "(",
    ")",
    '"',
    "'",
    "’",
    "-",
    "+",
    "^",
    ":",
    "~",
    "\\",
    "%",
    "_",
    "&",
    "|",
    "!",
    "{",
    "}",
    "[",
    "]",
    "<",
    ">",
    "\x00",
    "\x1b",
    "\n",
    "\t",
    "🐝",
    "👩🏽‍💻",
    "de",
    "la",
    "qui",
    "comment",
    "the",
    "?",
    "l'",
    "aujourd'hui",
    "Kuber",
    "congés",
    "ai-je",
    "e-mail",
    "x" * 300,
    "é" * 120,
    "١٢٣",
    "ǅ",
    "ﬁ",
    "\u0301",
]
ANY_QUERY = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), min_size=1, max_size=30
).map(lambda pieces: " ".join(pieces) if len(pieces) % 2 else "".join(pieces))
PATHS = ["/api/search/", "/api/search/suggest/", "/search/"]


def answered(response, path: str) -> bool:
    """A result, or a refusal that says why (JSON from the API); never a server error."""
    if path.startswith("/api/"):
        return response.status_code in (200, 400) and response["Content-Type"].startswith(
            "application/json"
        )
    return response.status_code in (200, 400)


@pytest.fixture
def board(db):
    return Group.objects.create(name="Board")


@pytest.fixture
def intranet(board):
    with override_settings(SEARCH_BACKEND="database"):
        corpus = small_intranet(restricted_to=board)
        rebuild()
        yield corpus


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


def titles(outcome):
    return [hit.title for hit in outcome.results]


def test_a_question_of_mostly_stop_words_finds_its_page(intranet, reader):
    outcome = run_search(user=reader, text="combien de jours de congés ai-je ?")

    assert titles(outcome)[0] == "Congés payés"
    assert outcome.tier == "relaxed"
    first = outcome.results[0]
    assert {"title", "body"} <= set(first.why)
    assert "<mark>jours</mark>" in first.snippet
    assert "<mark>congés</mark>" in first.snippet


def test_the_answer_card_quotes_the_passage_that_answers(intranet, reader):
    outcome = run_search(user=reader, text="combien de jours de congés ai-je ?")

    assert outcome.answer is not None
    assert outcome.answer["title"] == "Congés payés"
    assert "25 <mark>jours</mark> de <mark>congés</mark> payés" in outcome.answer["text"]


def test_keywords_stay_in_the_strict_tier_without_an_answer(intranet, reader):
    publish_more = run_search(user=reader, text="congés")

    assert titles(publish_more)[0] == "Congés payés"
    assert publish_more.answer is None
    assert publish_more.results[0].why[0] == "title"


def test_an_english_query_finds_french_content_through_the_dictionary(intranet, reader):
    outcome = run_search(user=reader, text="holidays")

    assert titles(outcome)[0] == "Congés payés"
    assert "translation" in outcome.results[0].why
    assert "<mark>vacances</mark>" in outcome.results[0].snippet


def test_who_knows_a_skill_finds_the_person_first(intranet, reader):
    outcome = run_search(user=reader, text="qui connaît Kubernetes ?")

    assert titles(outcome)[:2] == ["Alice Martin", "Déployer une application"]
    assert outcome.results[0].kind == "person"
    assert "tags" in outcome.results[0].why


def test_the_beginning_of_a_word_is_suggested_and_searched(intranet, reader):
    suggested = [hit.title for hit in suggest(user=reader, text="Kuber")]
    assert "Alice Martin" in suggested
    assert [hit.title for hit in suggest(user=reader, text="Alic")] == ["Alice Martin"]
    assert [hit.title for hit in suggest(user=reader, text="télé")] == ["Télétravail"]

    outcome = run_search(user=reader, text="Kuber")
    assert titles(outcome)[0] == "Alice Martin"
    assert "relaxed" in outcome.results[0].why


def test_accents_need_not_be_typed(intranet, reader):
    assert titles(run_search(user=reader, text="conges payes"))[0] == "Congés payés"
    assert [hit.title for hit in suggest(user=reader, text="teletr")] == ["Télétravail"]


def test_a_restricted_page_stays_hidden_in_every_tier(intranet, reader, board):
    secret = "Kubernetes : congés du comité de direction"
    member = UserFactory(username="member")
    member.groups.add(board)

    for text in [
        "combien de jours de congés ai-je ?",
        "Kuber",
        "comité",
        "qui connaît Kubernetes ?",
    ]:
        assert secret in titles(run_search(user=member, text=text)), text
        outsider = run_search(user=reader, text=text)
        assert secret not in titles(outsider), text
        assert "comite" not in str(outsider.facets).lower()
    assert secret in [hit.title for hit in suggest(user=member, text="Kuber")]
    assert secret not in [hit.title for hit in suggest(user=reader, text="Kuber")]
    assert run_search(user=reader, text="comité").count == 0


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=ANY_QUERY)
def test_any_text_is_answered_never_a_server_error(intranet, client, reader, text):
    client.force_login(reader)
    with override_settings(SEARCH_BACKEND="database"):
        for path in PATHS:
            response = client.get(path, {"q": text})
            assert answered(response, path), (path, text, response.status_code)


SQLITE_SCRIPT = r"""
import json, sys
import django
django.setup()
from django.contrib.auth.models import Group
from django.test import Client
from hypothesis import given, settings
from search.indexing import rebuild
from tests.people.factories import UserFactory
from tests.processes import REPO
from tests.search.factories import small_intranet
from tests.search.test_embedded_understanding import ANY_QUERY, PATHS, answered

board = Group.objects.create(name="Board")
small_intranet(restricted_to=board)
rebuild()
reader, member = UserFactory(username="reader"), UserFactory(username="member")
member.groups.add(board)

def client_of(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client

def seen(user, text):
    client = client_of(user)
    found = client.get("/api/search/", {"q": text}).json()
    suggested = client.get("/api/search/suggest/", {"q": text}).json()
    return {
        "titles": [hit["title"] for hit in found["results"]],
        "why": [hit["why"] for hit in found["results"]],
        "snippets": [hit["snippet"] for hit in found["results"]],
        "tier": found["tier"],
        "answer": found["answer"],
        "suggestions": [hit["title"] for hit in suggested],
    }

report = {"reader": {}, "member": {}}
for text in json.loads(sys.argv[1]):
    report["reader"][text] = seen(reader, text)
    report["member"][text] = seen(member, text)

failures = []
client = client_of(reader)

@settings(max_examples=int(sys.argv[2]), deadline=None, database=None)
@given(ANY_QUERY)
def answers_any_text(text):
    for path in PATHS:
        response = client.get(path, {"q": text})
        if not answered(response, path):
            failures.append([path, text, response.status_code])
            raise AssertionError(path)

try:
    answers_any_text()
except AssertionError:
    pass
report["failures"] = failures[-1:]
print(json.dumps(report))
"""
QUESTIONS = [
    "combien de jours de congés ai-je ?",
    "holidays",
    "qui connaît Kubernetes ?",
    "Kuber",
    "comité",
    "congé",
]


def test_the_embedded_default_on_sqlite_understands_and_answers_any_text(tmp_path):
    """As `make run` runs Ruche: SQLite, Wagtail's database search, in a process of its own."""
    env = embedded_environment(tmp_path)
    migrate = [sys.executable, "manage.py", "migrate", "--no-input", "-v0"]
    subprocess.run(migrate, cwd=REPO, env=env, check=True, timeout=600, capture_output=True)
    run = subprocess.run(
        [sys.executable, "-c", SQLITE_SCRIPT, json.dumps(QUESTIONS), "80"],
        cwd=REPO,
        env=env,
        timeout=900,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    reader, member = report["reader"], report["member"]
    secret = "Kubernetes : congés du comité de direction"

    question = reader["combien de jours de congés ai-je ?"]
    assert question["titles"][0] == "Congés payés"
    assert question["tier"] == "relaxed"
    assert "<mark>jours</mark> de <mark>congés</mark>" in question["answer"]["text"]
    assert reader["holidays"]["titles"][0] == "Congés payés"
    assert "translation" in reader["holidays"]["why"][0]
    assert reader["qui connaît Kubernetes ?"]["titles"][0] == "Alice Martin"
    assert "Alice Martin" in reader["Kuber"]["suggestions"]
    assert reader["Kuber"]["titles"][0] == "Alice Martin"
    # SQLite does not stem: the singular finds the plural all the same.
    assert reader["congé"]["titles"][0] == "Congés payés"
    # What a group may read stays hidden from the others in every tier and in suggestions.
    for text in QUESTIONS:
        assert secret not in reader[text]["titles"] + reader[text]["suggestions"], text
    assert secret in member["Kuber"]["suggestions"]
    assert secret in member["comité"]["titles"]
    assert secret in member["combien de jours de congés ai-je ?"]["titles"]
    # Any text: results, an empty list or a 400, never a server error.
    assert report["failures"] == []
