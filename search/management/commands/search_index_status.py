from django.core.management.base import BaseCommand
from django.utils import timezone

from core.findable import registry
from core.management.commands.outbox_status import write_outbox_summary
from core.models import OutboxTask
from search.engine import get_engine, uses_engine
from search.models import IndexReconciliation, SearchEntry


class Command(BaseCommand):
    help = "Show pending index updates and, for each kind, documents indexed against the database."

    def handle(self, *args, **options):
        pending = OutboxTask.objects.pending().filter(task_path="search.tasks.sync_documents")
        oldest = pending.order_by("created_at").values_list("created_at", flat=True).first()
        failing = pending.exclude(last_error="").count()
        age = f", oldest {timezone.now() - oldest} ago" if oldest else ""
        self.stdout.write(f"Pending index updates: {pending.count()} ({failing} failing{age})")
        write_outbox_summary(self, list_dead=True)
        self.write_reconciliation()

        if uses_engine():
            engine = get_engine()
            if not engine.ping():
                self.stdout.write(self.style.ERROR("Search engine: unreachable"))
                indexed = {}
            else:
                names = engine.indices_behind_alias()
                self.stdout.write(f"Search engine: up, alias -> {', '.join(names) or 'none'}")
                indexed = engine.count_by_kind() if names else {}
        else:
            indexed = {kind: SearchEntry.objects.filter(kind=kind).count() for kind in registry}
        width = max((len(kind) for kind in registry), default=4)
        self.stdout.write(f"{'kind':<{width}}  {'database':>9}  {'indexed':>9}")
        for kind, search_kind in sorted(registry.items()):
            expected = search_kind.queryset().count()
            count = indexed.get(kind, 0)
            line = f"{kind:<{width}}  {expected:>9}  {count:>9}"
            self.stdout.write(line if count == expected else self.style.WARNING(line + "  ≠"))

    def write_reconciliation(self) -> None:
        last = IndexReconciliation.objects.filter(finished_at__isnull=False).first()
        if last is None:
            self.stdout.write("Reconciliation: never run (beat job search.reconcile_index)")
            return
        line = (
            f"Reconciliation: last run {timezone.localtime(last.finished_at):%Y-%m-%d %H:%M}, "
            f"{last.checked} documents checked, {last.differences} differences found "
            f"({last.missing} missing, {last.stale} stale, {last.extra} extra), "
            f"{last.repaired} repaired"
        )
        if last.error:
            self.stdout.write(self.style.ERROR(f"{line}; failed: {last.error}"))
        else:
            self.stdout.write(self.style.WARNING(line) if last.differences else line)
