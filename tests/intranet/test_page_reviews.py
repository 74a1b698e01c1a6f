"""Information pages have a content owner and a review date; past it, readers are told the page
may be out of date and its owner is reminded, once per page and review date."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from intranet.models import ReviewReminder, StandardPage
from intranet.tasks import record_due_reminders
from notifications.models import Notification
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import person

INLINE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def inline_tasks(settings):
    settings.TASKS = INLINE_TASKS


def stale_page(owner, *, title="Charte du télétravail", days_overdue=3):
    page = publish_standard_page(title=title, owner=owner)
    page.review_date = timezone.localdate() - timedelta(days=days_overdue)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def reminders_of(user):
    return Notification.objects.filter(recipient=user, key__startswith="intranet:review:")


def test_a_new_page_is_owned_by_its_creator_and_due_for_review_a_year_after_publication(db):
    author = person(username="autrice")

    page = publish_standard_page(title="Notes de frais", owner=author)

    page.refresh_from_db()
    assert page.content_owner == author
    published = timezone.localdate(page.first_published_at)
    assert page.review_date == published + timedelta(days=365)
    assert not page.is_stale()


def test_an_owner_and_a_review_date_an_editor_chose_are_kept(db):
    author, owner = person(username="autrice"), person(username="responsable")
    chosen = timezone.localdate() + timedelta(days=30)

    page = publish_standard_page(
        title="Sécurité", owner=author, content_owner=owner, review_date=chosen
    )

    page.refresh_from_db()
    assert (page.content_owner, page.review_date) == (owner, chosen)


def test_the_editor_has_the_owner_and_review_date_fields(admin_client):
    page = publish_standard_page(title="Guide d'accueil")

    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    assert 'name="content_owner"' in html
    assert 'name="review_date"' in html


def test_a_stale_page_tells_its_readers_it_may_be_out_of_date(employee_client):
    page = stale_page(person(username="responsable"))
    fresh = publish_standard_page(title="Fraîche")

    stale_html = employee_client.get(page.url).content.decode()
    fresh_html = employee_client.get(fresh.url).content.decode()

    assert 'data-testid="stale-notice"' in stale_html
    assert 'data-testid="stale-notice"' not in fresh_html


def test_the_notice_says_so_in_english_for_an_english_reader(employee_client, english):
    page = stale_page(person(username="responsable"))

    html = employee_client.get(page.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "This page may be out of date" in html


def test_a_stale_pages_owner_gets_exactly_one_reminder(db, inline_tasks):
    owner = person(username="responsable")
    page = stale_page(owner)

    first = record_due_reminders()
    second = record_due_reminders()

    assert len(first) == 1 and second == []
    notices = reminders_of(owner)
    assert notices.count() == 1
    notice = notices.get()
    assert notice.url == f"/admin/pages/{page.pk}/edit/"
    assert (notice.target_kind, notice.target_id) == ("intranet.page", page.pk)


def test_nobody_else_is_reminded_and_fresh_pages_remind_nobody(db, inline_tasks):
    owner, other = person(username="responsable"), person(username="collegue")
    stale_page(owner)
    publish_standard_page(title="À jour", owner=other)

    record_due_reminders()

    assert reminders_of(owner).count() == 1
    assert reminders_of(other).count() == 0


def test_a_new_review_date_that_passes_in_turn_brings_a_new_reminder(db, inline_tasks):
    owner = person(username="responsable")
    page = stale_page(owner, days_overdue=400)
    record_due_reminders()

    page.review_date = timezone.localdate() - timedelta(days=1)
    page.save_revision().publish()
    record_due_reminders()
    record_due_reminders()

    assert reminders_of(owner).count() == 2
    assert ReviewReminder.objects.filter(page=page).count() == 2


def test_an_unpublished_page_or_an_inactive_owner_is_not_reminded(db, inline_tasks):
    gone = person(username="partie")
    stale_page(gone, title="Orpheline")
    gone.is_active = False
    gone.save()
    owner = person(username="responsable")
    stale_page(owner, title="Retirée").unpublish()

    assert record_due_reminders() == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_beat_job_at_once_remind_each_owner_once(inline_tasks):
    home_page()
    owners = [person(username=f"responsable{n}") for n in range(4)]
    for number, owner in enumerate(owners):
        stale_page(owner, title=f"Page {number}")
    barrier = threading.Barrier(2)
    recorded, errors = [], []

    def run():
        try:
            barrier.wait()
            recorded.extend(record_due_reminders())
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert not errors
    assert len(recorded) == 4
    assert [reminders_of(owner).count() for owner in owners] == [1, 1, 1, 1]
