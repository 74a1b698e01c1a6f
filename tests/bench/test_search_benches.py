"""bench/relevance.py and bench/search_latency.py: their names, scores and the engine's time."""

import argparse
import json
from pathlib import Path
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from wagtail.models import APIToken

from bench._engine_timing import HEADER, time_engine_searches, with_engine_time
from bench._latency_data import question_prefixes
from bench._setup import add_suffix_argument, bench_names
from bench.relevance import Judged, mrr, success, verdict, zero_rate
from bench.search_latency import engine_figures
from search.engine import Engine


def test_a_suffix_gives_a_bench_its_own_database_and_indices(monkeypatch):
    assert bench_names("ruche_bench_relevance", "") == (
        "ruche_bench_relevance",
        "ruche_bench_relevance_",
    )
    assert bench_names("ruche_bench_relevance", "alice") == (
        "ruche_bench_relevance_alice",
        "ruche_bench_relevance_alice_",
    )
    parser = argparse.ArgumentParser()
    monkeypatch.setenv("BENCH_SUFFIX", "bob")
    add_suffix_argument(parser)
    assert parser.parse_args([]).suffix == "bob"
    assert parser.parse_args(["--suffix", "carol_2"]).suffix == "carol_2"
    with pytest.raises(SystemExit):
        parser.parse_args(["--suffix", 'x"; DROP DATABASE'])


def row(rank, count=3, category="question"):
    return {"rank": rank, "count": count, "category": category}


def test_relevance_scores_success_at_3_mrr_at_10_and_the_zero_result_rate():
    rows = [row(1), row(3), row(4), row(None, count=0)]

    assert success(rows) == 0.5
    assert mrr(rows) == pytest.approx((1 + 1 / 3 + 1 / 4) / 4)
    assert zero_rate(rows) == 0.25


def test_targets_are_marked_met_or_not_and_each_file_takes_its_set_s_targets():
    assert verdict(0.9, 0.85) == (">= 0.85", True)
    assert verdict(0.8, 0.85) == (">= 0.85", False)
    assert verdict(0.0, 0.0, at_most=True) == ("= 0", True)
    assert verdict(0.04, 0.0, at_most=True) == ("= 0", False)
    assert verdict(0.3, None) == ("", None)
    assert Judged(Path("eval/queries.jsonl"), []).name == "keywords"
    assert Judged(Path("eval/questions.jsonl"), []).name == "questions"
    assert Judged(Path("other/questions-acme.jsonl"), []).name == "questions:questions-acme"


def test_a_question_is_suggested_on_while_it_is_typed():
    import random

    questions = ["comment demander un badge ?", "who knows about kubernetes?"]
    for question, prefix in zip(
        questions, question_prefixes(questions, random.Random(3)), strict=True
    ):
        assert question.startswith(prefix)
        assert len(prefix) > question.index(" ") + 2


@pytest.mark.usefixtures("search_index")
def test_the_latency_bench_server_tells_the_engine_time_of_each_api_request(
    monkeypatch, employee, tmp_path
):
    monkeypatch.setattr(Engine, "search", Engine.search)  # undone after the test
    monkeypatch.setenv("BENCH_RECORD_DIR", str(tmp_path))
    time_engine_searches()
    application = with_engine_time(WSGIHandler())
    _, token = APIToken.create_token(user=employee, name="bench")
    for path, query in (("/api/search/", "budget"), ("/api/search/suggest/", "bud")):
        environ = {
            "PATH_INFO": path,
            "QUERY_STRING": urlencode({"q": query}),
            "HTTP_AUTHORIZATION": f"Bearer {token}",
            "HTTP_HOST": "testserver",
            "HTTP_X_BENCH_RECORD": "keywords" if path == "/api/search/" else "",
        }
        if not environ["HTTP_X_BENCH_RECORD"]:
            del environ["HTTP_X_BENCH_RECORD"]
        setup_testing_defaults(environ)
        answered = {}

        def start_response(status, headers, exc_info=None, answered=answered):
            answered.update(status=status, headers=dict(headers))

        b"".join(application(environ, start_response))

        assert answered["status"].startswith("200")
        figures = engine_figures(answered["headers"][HEADER])
        assert figures["calls"] >= 1
        assert figures["round_trip"] > 0
        assert 0 <= figures["took"] <= figures["round_trip"] + 1
    # --profile replays the bodies the searches sent, and only theirs
    records = [
        json.loads(line)
        for path in tmp_path.glob("*.jsonl")
        for line in path.read_text().splitlines()
    ]
    assert records
    assert {record["label"] for record in records} == {"keywords"}
    assert any("query" in record["body"] for record in records)
