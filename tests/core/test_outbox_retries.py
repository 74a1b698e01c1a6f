"""Index work is never dropped; other tasks that run out of attempts are dead, said so, and
replayable. In the modes without a broker, a failed inline task is kept and replayed."""

import io
import logging
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.models import OutboxTask
from core.outbox import INDEX_RETRY_CAP, relay_due_tasks, run_stored_task
from search.engine import get_engine
from search.services import run_search
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory

INLINE = {"default": {"BACKEND": "core.outbox.InlineBackend"}}


def stored(task_path: str, *args, attempts: int = 0) -> OutboxTask:
    return OutboxTask.objects.create(
        task_path=task_path, args=list(args), attempts=attempts, next_attempt_at=timezone.now()
    )


@pytest.mark.django_db
def test_an_index_update_keeps_retrying_long_after_other_tasks_would_die(engine):
    engine.stop()
    page = publish_standard_page(title="Note de service", parent=home_page())
    row = stored(
        "search.tasks.sync_documents",
        "page",
        [str(page.pk)],
        attempts=settings.OUTBOX_MAX_ATTEMPTS + 5,  # hours of outage
    )

    assert run_stored_task(row.pk) == "failed"

    row.refresh_from_db()
    assert row.dead_at is None and row.finished_at is None
    assert row.attempts == settings.OUTBOX_MAX_ATTEMPTS + 6
    assert "ConnectionError" in row.last_error
    # The back-off is capped, so the index catches up soon after the engine returns.
    assert row.next_attempt_at <= timezone.now() + INDEX_RETRY_CAP
    assert OutboxTask.objects.pending().filter(pk=row.pk).exists()

    engine.restore()
    row.next_attempt_at = timezone.now()
    row.save()
    assert run_stored_task(row.pk) == "done"


@pytest.mark.django_db
def test_a_task_out_of_attempts_is_dead_and_logged_as_an_error(caplog):
    Group.objects.create(name="taken")
    row = stored(
        "tests.core.tasks_for_tests.create_group",
        "taken",
        attempts=settings.OUTBOX_MAX_ATTEMPTS - 1,
    )

    with caplog.at_level(logging.ERROR, logger="core.outbox"):
        assert run_stored_task(row.pk) == "dead"

    row.refresh_from_db()
    assert row.dead_at is not None and row.finished_at is None
    assert "IntegrityError" in row.last_error
    assert list(OutboxTask.objects.dead()) == [row]
    assert not OutboxTask.objects.pending().filter(pk=row.pk).exists()
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "create_group" in record.getMessage() and f"#{row.pk}" in record.getMessage()
    assert relay_due_tasks() == 0  # a dead task waits for an operator, it is not resent


@pytest.mark.django_db
def test_a_task_that_killed_its_worker_every_time_dies_at_its_next_delivery(caplog):
    row = stored(
        "tests.core.tasks_for_tests.create_group",
        "never-finished",
        attempts=settings.OUTBOX_MAX_ATTEMPTS,
    )

    with caplog.at_level(logging.ERROR, logger="core.outbox"):
        assert run_stored_task(row.pk) == "dead"

    row.refresh_from_db()
    assert row.dead_at is not None
    assert not Group.objects.filter(name="never-finished").exists()
    assert any(r.levelno == logging.ERROR for r in caplog.records)


def dead(task_path: str, *args) -> OutboxTask:
    return OutboxTask.objects.create(
        task_path=task_path,
        args=list(args),
        attempts=settings.OUTBOX_MAX_ATTEMPTS,
        last_error="SMTPServerDisconnected: gone",
        next_attempt_at=timezone.now() - timedelta(hours=3),
        dead_at=timezone.now() - timedelta(hours=2),
    )


@pytest.mark.django_db
def test_replaying_dead_tasks_by_id_by_name_or_all_runs_each_once_more():
    names = [f"group-{uuid.uuid4().hex[:8]}" for _ in range(3)]
    first, second, third = (dead("tests.core.tasks_for_tests.create_group", n) for n in names)
    other = dead("tests.core.tasks_for_tests.create_group_slowly", "x", "/dev/null")

    out = io.StringIO()
    call_command("replay_dead_tasks", "--id", str(first.pk), stdout=out)
    assert "1 dead task replayed" in out.getvalue()
    first.refresh_from_db()
    assert first.dead_at is None and first.attempts == 0
    assert first.next_attempt_at <= timezone.now()
    assert run_stored_task(first.pk) == "done"

    out = io.StringIO()
    call_command(
        "replay_dead_tasks", "--task", "tests.core.tasks_for_tests.create_group", stdout=out
    )
    assert "2 dead tasks replayed" in out.getvalue()
    assert OutboxTask.objects.dead().get() == other

    out = io.StringIO()
    call_command("replay_dead_tasks", "--id", str(first.pk), "--id", str(second.pk), stdout=out)
    assert "0 dead tasks replayed" in out.getvalue()  # idempotent: nothing is dead any more
    for row in (second, third):
        assert run_stored_task(row.pk) == "done"
    assert sorted(Group.objects.filter(name__in=names).values_list("name", flat=True)) == sorted(
        names
    )

    call_command("replay_dead_tasks", "--all", stdout=io.StringIO())
    assert not OutboxTask.objects.dead().exists()


@pytest.mark.django_db
def test_replaying_needs_a_choice_of_tasks():
    with pytest.raises(CommandError, match="--all"):
        call_command("replay_dead_tasks", stdout=io.StringIO())


@pytest.mark.django_db
def test_the_status_commands_show_dead_tasks_to_operators():
    row = dead("tests.core.tasks_for_tests.create_group", "lost")

    out = io.StringIO()
    call_command("outbox_status", stdout=out)
    report = out.getvalue()
    assert "Dead tasks: 1" in report
    assert (
        f"#{row.pk}" in report and "create_group" in report and "SMTPServerDisconnected" in report
    )
    assert "replay_dead_tasks" in report

    out = io.StringIO()
    call_command("search_index_status", stdout=out)
    assert "Dead tasks: 1" in out.getvalue()


@pytest.mark.django_db
def test_the_background_tasks_report_lists_dead_tasks_for_superusers(client):
    row = dead("tests.core.tasks_for_tests.create_group", "<b>lost</b>")
    row.last_error = "ValueError: <script>alert(1)</script>"
    row.save()

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/background-tasks/")

    assert response.status_code == 200
    page = response.content.decode()
    assert f"#{row.pk}" in page and "tests.core.tasks_for_tests.create_group" in page
    assert "&lt;script&gt;" in page and "<script>alert(1)" not in page
    assert "replay_dead_tasks" in page

    client.force_login(UserFactory())
    assert client.get("/admin/background-tasks/").status_code == 302


@pytest.mark.django_db
def test_with_an_engine_and_no_broker_an_update_made_while_it_is_down_is_kept_and_replayed(
    settings,
    engine,
    reindex,
    django_capture_on_commit_callbacks,
):
    reindex()
    settings.TASKS = INLINE
    employee = UserFactory()
    engine.stop()

    # Inline index updates run once the write commits (the test's transaction stands for it).
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_standard_page(title="Astreinte informatique", parent=home_page())

    assert page.live  # the write succeeded
    kept = OutboxTask.objects.pending().filter(
        task_path="search.tasks.sync_documents", args__0="page", args__1=[str(page.pk)]
    )
    assert kept.exists()
    assert all(row.attempts == 1 and "ConnectionError" in row.last_error for row in kept)

    engine.restore()
    kept.update(next_attempt_at=timezone.now())  # the back-off has elapsed
    relay_due_tasks()  # without a broker, the relay runs them here

    assert not OutboxTask.objects.pending().exists()
    get_engine().refresh()
    assert [hit.title for hit in run_search(user=employee, text="astreinte").results] == [
        "Astreinte informatique"
    ]
