"""bench/lighthouse.py: a Lighthouse report becomes BENCH figures, and what fails is named.

The fixture is the report of the news index (desktop) from a run of the bench on the demo
content, trimmed to its categories and audits (ids, titles, scores, the failing elements).
"""

import json
from pathlib import Path

import pytest

from bench.lighthouse import failed_audits, figures, scores, summary

FIXTURE = Path(__file__).parent / "fixtures" / "lighthouse-news-index-desktop.json"


@pytest.fixture
def report():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_each_category_is_a_figure_with_the_target_only_where_the_design_sets_one(report):
    assert scores(report) == {"performance": 100, "accessibility": 99, "best-practices": 100}
    assert figures("news index", "desktop", report) == [
        {
            "figure": "news index (desktop) performance",
            "value": 100,
            "unit": "score",
            "target": None,
            "ok": None,
        },
        {
            "figure": "news index (desktop) accessibility",
            "value": 99,
            "unit": "score",
            "target": ">= 95",
            "ok": True,
        },
        {
            "figure": "news index (desktop) best-practices",
            "value": 100,
            "unit": "score",
            "target": ">= 95",
            "ok": True,
        },
    ]


def test_a_failed_audit_is_named_with_the_elements_to_fix_and_unscored_ones_are_not(report):
    assert failed_audits(report, "accessibility") == [
        {
            "id": "heading-order",
            "title": "Heading elements are not in a sequentially-descending order",
            "score": 0,
            "weight": 3,
            "items": ["section > ul.card-list > li.card > h3"],
        }
    ]
    # The performance insights that did not pass weigh nothing in the score: not listed.
    assert report["audits"]["render-blocking-insight"]["score"] == 0
    assert failed_audits(report, "performance") == []
    assert failed_audits(report, "best-practices") == []


def test_the_summary_is_the_lowest_score_of_any_page_and_a_miss_fails_it(report):
    lower = json.loads(json.dumps(report))
    lower["categories"]["best-practices"]["score"] = 0.9
    lower["categories"]["accessibility"]["score"] = None  # Lighthouse could not score it

    assert summary([("news index", "desktop", report)]) == [
        {
            "figure": "minimum accessibility",
            "value": 99,
            "unit": "score",
            "target": ">= 95",
            "ok": True,
        },
        {
            "figure": "minimum best-practices",
            "value": 100,
            "unit": "score",
            "target": ">= 95",
            "ok": True,
        },
    ]
    lowest = summary([("news index", "desktop", report), ("home", "mobile", lower)])
    assert [(line["value"], line["ok"]) for line in lowest] == [(0, False), (90, False)]
    assert figures("home", "mobile", lower)[1]["ok"] is False
