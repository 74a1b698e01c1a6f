from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.selectors import dead_tasks, outbox_summary


def write_outbox_summary(command: BaseCommand, *, list_dead: bool) -> None:
    """The outbox lines shared by `outbox_status` and `search_index_status`."""
    summary = outbox_summary()
    age = (
        f", oldest {timezone.now() - summary.oldest_pending} ago" if summary.oldest_pending else ""
    )
    command.stdout.write(
        f"Pending background tasks: {summary.pending} ({summary.failing} failing{age})"
    )
    line = f"Dead tasks: {summary.dead}"
    command.stdout.write(command.style.ERROR(line) if summary.dead else line)
    if not (list_dead and summary.dead):
        return
    for row in dead_tasks():
        error = row.last_error.splitlines()[0][:160] if row.last_error else "worker died"
        command.stdout.write(
            f"  #{row.pk} {row.task_path} dead since {row.dead_at:%Y-%m-%d %H:%M} "
            f"after {row.attempts} attempts: {error}"
        )
    command.stdout.write(
        "Replay them once the cause is fixed: manage.py replay_dead_tasks --all "
        "(or --id ID, --task PATH)"
    )


class Command(BaseCommand):
    help = "Show pending, failing and dead background tasks of the outbox."

    def handle(self, *args: Any, **options: Any) -> None:
        write_outbox_summary(self, list_dead=True)
