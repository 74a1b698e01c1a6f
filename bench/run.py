"""Run the benchmarks one after another and print one table of their figures.

    python bench/run.py [NAME ...]        # `make bench`, or `make bench ONLY=pages,votes`

Every script in bench/ whose name does not start with `_` (this one excepted) runs as its own
process; its output is shown as it comes and kept in test-artifacts/bench/<script>.log. Each
headline figure is one line of that output:

    BENCH {"figure": "news page p95", "value": 23.1, "unit": "ms", "target": "< 50 ms", "ok": true}

At the end the figures of every script are printed as one table and written as Markdown to
test-artifacts/bench/results.md. A missed target shows in the table; the exit status is 1 only
when a script itself failed (non-zero exit, or no figure at all).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
ARTIFACTS = REPO / "test-artifacts" / "bench"
PREFIX = "BENCH "
COLUMNS = ("script", "figure", "value", "unit", "target", "ok")


@dataclass
class Outcome:
    script: str
    status: int = 0
    seconds: float = 0.0
    figures: list[dict] = field(default_factory=list)
    malformed: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status != 0 or not self.figures or bool(self.malformed)


def scripts(only: list[str]) -> list[Path]:
    found = sorted(
        path for path in BENCH.glob("*.py") if not path.name.startswith("_") and path.stem != "run"
    )
    if not only:
        return found
    unknown = set(only) - {path.stem for path in found}
    if unknown:
        names = ", ".join(path.stem for path in found)
        raise SystemExit(f"unknown benchmark {', '.join(sorted(unknown))}; choose among {names}")
    return [path for path in found if path.stem in only]


def parse_figure(line: str) -> dict:
    """One BENCH line as a dict; ValueError when it does not follow the protocol."""
    figure = json.loads(line[len(PREFIX) :])
    if not isinstance(figure, dict) or not isinstance(figure.get("figure"), str):
        raise ValueError("no figure name")
    if not isinstance(figure.get("value"), int | float) or isinstance(figure["value"], bool):
        raise ValueError("value is not a number")
    if figure.get("ok") not in (True, False, None):
        raise ValueError("ok is not true, false or null")
    return figure


def run(script: Path, log: Path) -> Outcome:
    outcome = Outcome(script.stem)
    started = time.monotonic()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with (
        log.open("w", encoding="utf-8") as kept,
        subprocess.Popen(
            [sys.executable, str(script)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        ) as process,
    ):
        for line in process.stdout:
            kept.write(line)
            kept.flush()
            sys.stdout.write(f"  {line}")
            sys.stdout.flush()
            if line.startswith(PREFIX):
                try:
                    outcome.figures.append(parse_figure(line.strip()))
                except ValueError as error:  # json.JSONDecodeError is a ValueError
                    outcome.malformed.append(f"{line.strip()} ({error})")
        outcome.status = process.wait()
    outcome.seconds = time.monotonic() - started
    return outcome


def format_value(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def ok_mark(ok: bool | None) -> str:
    return {True: "yes", False: "NO", None: "-"}[ok]


def rows(outcomes: list[Outcome]) -> list[tuple[str, ...]]:
    table = []
    for outcome in outcomes:
        for figure in outcome.figures:
            table.append(
                (
                    outcome.script,
                    figure["figure"],
                    format_value(figure["value"]),
                    str(figure.get("unit") or ""),
                    str(figure.get("target") or ""),
                    ok_mark(figure.get("ok")),
                )
            )
        if outcome.failed:
            reasons = [f"exit status {outcome.status}"] if outcome.status else []
            reasons += ["no BENCH line"] if not outcome.figures else []
            reasons += [f"malformed: {line}" for line in outcome.malformed]
            table.append((outcome.script, "script failed", "", "", "; ".join(reasons), "NO"))
    return table


def text_table(table: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[n]) for row in [COLUMNS, *table]) for n in range(len(COLUMNS))]
    right = {2}  # values line up on the right

    def line(row):
        return "  ".join(
            cell.rjust(width) if n in right else cell.ljust(width)
            for n, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(COLUMNS), rule, *(line(row) for row in table)])


def load_average() -> str:
    """The machine's 1-minute load average: figures from a busy machine read differently."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:  # not available on this platform
        return "unknown"


def markdown_table(
    table: list[tuple[str, ...]], outcomes: list[Outcome], loads: tuple[str, str]
) -> str:
    def escape(cell: str) -> str:
        return cell.replace("|", "\\|")

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Benchmarks of commit {commit or 'unknown'}, {when}, on {os.cpu_count()} CPU cores "
        f"({platform.machine()}, Python {platform.python_version()}); load average "
        f"{loads[0]} at the start, {loads[1]} at the end.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join(["---", "---", "---:", "---", "---", "---"]) + "|",
        *("| " + " | ".join(escape(cell) for cell in row) + " |" for row in table),
        "",
        "Run time per script: "
        + ", ".join(f"{outcome.script} {outcome.seconds:.0f} s" for outcome in outcomes)
        + ".",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="script names without .py (comma-separated ok)")
    options = parser.parse_args(argv)
    only = [name for item in options.only for name in item.split(",") if name]
    selected = scripts(only)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    outcomes = []
    load_at_start = load_average()
    print(f"load average: {load_at_start} on {os.cpu_count()} cores", flush=True)
    for number, script in enumerate(selected, start=1):
        log = ARTIFACTS / f"{script.stem}.log"
        print(f"[{number}/{len(selected)}] {script.relative_to(REPO)} (log: {log})", flush=True)
        outcome = run(script, log)
        state = "FAILED" if outcome.failed else "done"
        print(f"[{number}/{len(selected)}] {script.stem} {state} in {outcome.seconds:.0f} s")
        outcomes.append(outcome)

    table = rows(outcomes)
    print()
    print(text_table(table))
    results = ARTIFACTS / "results.md"
    loads = (load_at_start, load_average())
    results.write_text(markdown_table(table, outcomes, loads), encoding="utf-8")
    print(f"\nTable written to {results.relative_to(REPO)}")
    return 1 if any(outcome.failed for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
