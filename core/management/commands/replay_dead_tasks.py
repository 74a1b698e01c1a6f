from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.outbox import replay_dead_tasks


class Command(BaseCommand):
    help = (
        "Give dead background tasks a fresh set of attempts (all of them, or by id or task "
        "path). Safe to run twice: a task no longer dead is left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="replay every dead task")
        parser.add_argument("--id", type=int, action="append", dest="ids", help="a task's id")
        parser.add_argument(
            "--task", action="append", dest="task_paths", help="a task path, e.g. ideas.tasks.x"
        )

    def handle(
        self,
        *args: Any,
        all: bool = False,
        ids: list[int] | None = None,
        task_paths: list[str] | None = None,
        **options: Any,
    ) -> None:
        if not (all or ids or task_paths):
            raise CommandError("Name the tasks to replay: --all, --id ID or --task PATH.")
        count = replay_dead_tasks(ids=ids, task_paths=task_paths)
        noun = "task" if count == 1 else "tasks"
        self.stdout.write(f"{count} dead {noun} replayed")
