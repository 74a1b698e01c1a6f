"""`make bench` (bench/run.py): every script's BENCH lines become one table; failures show."""

import json

import pytest

from bench.run import markdown_table, rows, run, scripts, text_table


def printed(line: str) -> str:
    return f"print({line!r})"


def bench_line(**figure) -> str:
    return printed("BENCH " + json.dumps(figure))


def script(tmp_path, *lines: str):
    path = tmp_path / "demo.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_bench_lines_of_a_script_become_rows_and_its_whole_output_is_kept(tmp_path):
    demo = script(
        tmp_path,
        printed("demo: 40 requests, p95 12.5 ms"),
        bench_line(figure="page p95", value=12.5, unit="ms", target="< 50 ms", ok=True),
        bench_line(figure="throughput", value=1234.0, unit="per s", target="", ok=None),
    )

    outcome = run(demo, tmp_path / "demo.log")

    assert not outcome.failed
    assert rows([outcome]) == [
        ("demo", "page p95", "12.5", "ms", "< 50 ms", "yes"),
        ("demo", "throughput", "1,234", "per s", "", "-"),
    ]
    assert "demo: 40 requests, p95 12.5 ms" in (tmp_path / "demo.log").read_text()
    table = text_table(rows([outcome]))
    assert table.splitlines()[0].split() == ["script", "figure", "value", "unit", "target", "ok"]
    markdown = markdown_table(rows([outcome]), [outcome], ("1.0", "2.0"))
    assert "| demo | page p95 | 12.5 | ms | < 50 ms | yes |" in markdown


def test_a_missed_target_is_a_row_marked_no_not_a_failed_script(tmp_path):
    demo = script(
        tmp_path, bench_line(figure="p95", value=80, unit="ms", target="< 50 ms", ok=False)
    )

    outcome = run(demo, tmp_path / "demo.log")

    assert not outcome.failed
    assert rows([outcome]) == [("demo", "p95", "80", "ms", "< 50 ms", "NO")]


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        ([bench_line(figure="x", value=1, unit="s"), "raise SystemExit(3)"], "exit status 3"),
        ([printed("nothing to report")], "no BENCH line"),
        ([bench_line(figure="x", value="fast")], "value is not a number"),
    ],
)
def test_a_script_that_fails_says_why_in_the_table(tmp_path, lines, reason):
    outcome = run(script(tmp_path, *lines), tmp_path / "demo.log")

    assert outcome.failed
    failed = [row for row in rows([outcome]) if row[1] == "script failed"]
    assert len(failed) == 1 and reason in failed[0][4] and failed[0][5] == "NO"


def test_only_benchmark_scripts_run_and_a_subset_is_chosen_by_name():
    names = [path.stem for path in scripts([])]
    assert "pages" in names and "votes" in names
    assert not any(name.startswith("_") or name == "run" for name in names)
    assert [path.stem for path in scripts(["votes", "pages"])] == ["pages", "votes"]
    with pytest.raises(SystemExit, match="unknown benchmark nope"):
        scripts(["nope"])
