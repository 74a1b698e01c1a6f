from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from core.importing.runner import run_import


class Command(BaseCommand):
    help = (
        "Import people and content from JSON Lines files (DESIGN.md §2). Idempotent by key; "
        "invalid lines are reported as FILE:LINE: reason and every valid line is kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--no-progress", action="store_true", help="Never show the progress bar."
        )

    def handle(self, *args: Any, files: list[Path], no_progress: bool, **options: Any) -> None:
        missing = [str(path) for path in files if not path.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")

        show_bar = not no_progress and sys.stderr.isatty()

        def progress_bar(total: int) -> tqdm[Any]:
            return tqdm(total=total, unit="line", desc="Importing", file=sys.stderr)

        report = run_import(files, progress_bar=progress_bar if show_bar else None)
        for message in report.errors:
            self.stderr.write(message)
        for line in report.summary_lines():
            self.stdout.write(line)
        if not report.ok:
            count = len(report.errors)
            raise CommandError(
                f"{count} line{'s' if count > 1 else ''} failed; valid lines were imported.",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS("Import finished."))
