from celery import shared_task
from django_tasks import task

from search import reconciliation, services
from search.indexing import sync_objects


@task()
def sync_documents(kind: str, object_ids: list[str]) -> None:
    """Bring the unified index in line with the database for these objects.

    Runs on a worker through the outbox; when the engine is down it fails and the outbox
    retries it with back-off, so no update is lost.
    """
    sync_objects(kind, object_ids)


@shared_task(name="search.purge_old_search_logs")
def purge_old_search_logs() -> int:
    return services.purge_old_search_logs()


@shared_task(name="search.reconcile_index", ignore_result=True)
def reconcile_index() -> int:
    """Beat job: repair whatever differs between the database and the index; returns how many
    documents were repaired (search.reconciliation)."""
    return reconciliation.reconcile_index().repaired
