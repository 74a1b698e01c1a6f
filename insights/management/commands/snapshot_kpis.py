from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from insights.selectors import monday_of
from insights.services import snapshot_kpis


class Command(BaseCommand):
    help = "Compute the weekly KPI snapshots of the last N weeks (fills history; idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks", type=int, default=12, help="how many weeks, this one included"
        )

    def handle(self, *args, weeks: int, **options):
        if not 1 <= weeks <= 260:
            raise CommandError("--weeks must be between 1 and 260")
        current = monday_of(timezone.localdate())
        written = snapshot_kpis(weeks=[current - timedelta(weeks=n) for n in range(weeks)])
        self.stdout.write(f"{written} KPI snapshots written for {weeks} weeks")
