from celery import shared_task
from django_tasks import task


@task()
def sync_documents(kind: str, object_ids: list[str]) -> None:
    """Bring the unified index in line with the database for these objects.

    Runs on a worker through the outbox; when the engine is down it fails and the outbox
    retries it with back-off, so no update is lost.
    """
    from search.indexing import sync_objects

    sync_objects(kind, object_ids)


@shared_task(name="search.purge_old_search_logs")
def purge_old_search_logs() -> int:
    from search.services import purge_old_search_logs as purge

    return purge()


@shared_task(name="search.reconcile_index", ignore_result=True)
def reconcile_index() -> int:
    """Beat job: repair whatever differs between the database and the index; returns how many
    documents were repaired (search.reconciliation)."""
    from search.reconciliation import reconcile_index as reconcile

    return reconcile().repaired
