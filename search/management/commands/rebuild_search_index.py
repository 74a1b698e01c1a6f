import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.engine import alias_name, get_engine, uses_engine
from search.indexing import IndexingError, expected_total, rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the unified search index into a new index and swap the alias to it atomically; "
        "searches keep working on the old index meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, no_progress: bool, **options):
        if uses_engine() and (problem := get_engine().diagnose()):
            raise CommandError(problem)
        bar = tqdm(
            total=expected_total(),
            unit="doc",
            desc="Indexing",
            file=sys.stderr,
            disable=no_progress or not sys.stderr.isatty(),
        )
        try:
            counts = rebuild(progress=bar.update)
        except IndexingError as error:
            raise CommandError(str(error)) from error
        finally:
            bar.close()
        target = alias_name() if uses_engine() else "the database search table"
        for kind, count in sorted(counts.items()):
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {sum(counts.values())} documents into {target}.")
        )
