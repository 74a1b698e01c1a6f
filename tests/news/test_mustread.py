"""Must-reads: acknowledged once, reminded once per stage, rates by team for editors."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.models import OutboxTask
from core.outbox import run_stored_task
from news.models import Acknowledgement, MustReadReminder
from news.selectors import pending_must_reads
from news.services.sections import configure_roles
from news.tasks import send_due_reminders
from notifications.models import Cadence, Notification
from tests.frontend.tables import assert_stacked
from tests.news.concurrency import post_concurrently
from tests.news.factories import publish_news, sections
from tests.notifications.factories import prefers
from tests.people.factories import TeamFactory, person

REMINDER_TASK = "news.tasks.send_must_read_reminder"


@pytest.fixture
def org(db):
    sections()
    it = TeamFactory(name="IT")
    support = TeamFactory(name="Support", parent=it)
    hr = TeamFactory(name="RH")
    return {"it": it, "support": support, "hr": hr}


def due_in(days):
    return timezone.localdate() + timedelta(days=days)


@pytest.mark.django_db
def test_pending_must_reads_follow_the_audience_and_vanish_once_acknowledged(client, org):
    camille = person(username="camille", team=org["support"])
    hr_person = person(username="rh", team=org["hr"])
    for_it = publish_news(title="Charte IT", audience=[org["it"]], must_read=True)
    for_all = publish_news(title="Règlement", must_read=True, must_read_due=due_in(5))
    publish_news(title="Simple actualité")

    assert set(pending_must_reads(camille)) == {for_it, for_all}
    assert list(pending_must_reads(hr_person)) == [for_all]

    client.force_login(camille)
    assert "Charte IT" in client.get("/").content.decode()
    response = client.post(f"/news/pages/{for_it.pk}/acknowledge/")
    assert response.status_code == 302
    assert list(pending_must_reads(camille)) == [for_all]
    home = client.get("/").content.decode()
    assert "To read and acknowledge" in home or "À lire" in home
    # Acknowledged, it leaves the must-reads; the news itself stays in the personal feed.
    must_reads, _title, feed = home.partition('id="feed-personal-title"')
    assert "Charte IT" not in must_reads and "Charte IT" in feed


@pytest.mark.django_db
def test_a_news_item_that_is_no_must_read_cannot_be_acknowledged(client, org):
    camille = person(username="camille")
    news = publish_news(title="Simple")
    client.force_login(camille)

    client.post(f"/news/pages/{news.pk}/acknowledge/")

    assert not Acknowledgement.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_acknowledging_is_idempotent_under_concurrent_requests(org):
    camille = person(username="camille", team=org["it"])
    news = publish_news(title="Concurrente", must_read=True)

    statuses = post_concurrently([(camille, f"/news/pages/{news.pk}/acknowledge/")], threads=8)

    assert statuses == [302] * 8
    assert Acknowledgement.objects.filter(page=news, user=camille).count() == 1


@pytest.mark.django_db
def test_reminders_go_to_those_addressed_who_have_not_acknowledged_once_per_stage(org, smtp_server):
    late = person(username="late", email="late@example.org", team=org["support"])
    done = person(username="done", team=org["it"])
    person(username="outside", team=org["hr"])
    news = publish_news(
        title="Sécurité", audience=[org["it"]], must_read=True, must_read_due=due_in(1)
    )
    Acknowledgement.objects.create(page=news, user=done)

    assert send_due_reminders() == 1
    assert send_due_reminders() == 0  # the beat job runs again: nothing new
    assert list(MustReadReminder.objects.values_list("user__username", "stage")) == [
        ("late", "due_soon")
    ]
    assert send_due_reminders(today=due_in(2)) == 1  # once more when overdue
    assert send_due_reminders(today=due_in(3)) == 0

    tasks = OutboxTask.objects.filter(task_path=REMINDER_TASK)
    assert tasks.count() == 2
    for task in tasks:
        assert run_stored_task(task.pk) == "done"
        assert run_stored_task(task.pk) == "skipped"  # a redelivered message does nothing
    notices = Notification.objects.filter(kind="must-read")
    assert [notice.recipient for notice in notices] == [late, late]
    assert all(notice.emailed_at and notice.url == news.url for notice in notices)
    targets = {(notice.target_kind, notice.target_id) for notice in notices}
    assert targets == {("news.page", news.pk)}
    emails = smtp_server.to("late@example.org")
    assert len(smtp_server.messages) == len(emails) == 2
    assert "Sécurité" in emails[0]["Subject"]
    assert "http://127.0.0.1:8000" + news.url in smtp_server.body(emails[0])


@pytest.mark.django_db
def test_a_retried_reminder_task_posts_and_emails_nothing_more(org, smtp_server):
    from news.tasks import send_must_read_reminder

    person(username="late", team=org["it"])
    publish_news(title="Sécurité", must_read=True, must_read_due=due_in(1))
    send_due_reminders()
    reminder = MustReadReminder.objects.get()

    send_must_read_reminder.call(reminder.pk)
    send_must_read_reminder.call(reminder.pk)  # the outbox's retry after a lost answer

    assert Notification.objects.filter(kind="must-read").count() == 1
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db
def test_a_reminder_is_emailed_in_the_readers_language(org, smtp_server):
    lea = person(username="lea", team=org["it"])
    prefers(lea, Cadence.DAILY, language="en")  # the site speaks French
    news = publish_news(title="Sécurité", must_read=True, must_read_due=due_in(1))

    send_due_reminders()
    run_stored_task(OutboxTask.objects.get(task_path=REMINDER_TASK).pk)

    [email] = smtp_server.to(lea.email)
    with translation.override("en"):
        due = date_format(news.must_read_due, "DATE_FORMAT")  # "Nov. 30, 2026"
    subject = " ".join(email["Subject"].split())  # unfolded
    assert subject == f"[Ruche] Reminder: please read and acknowledge “Sécurité” (due {due})"


@pytest.mark.django_db
def test_a_reader_in_the_app_only_gets_the_reminder_in_the_centre_and_no_email(
    org, client, smtp_server
):
    quiet = person(username="quiet", team=org["it"])
    prefers(quiet, Cadence.IN_APP, language="en")
    publish_news(title="Sécurité", must_read=True, must_read_due=due_in(1))

    send_due_reminders()
    run_stored_task(OutboxTask.objects.get(task_path=REMINDER_TASK).pk)

    assert smtp_server.messages == []
    client.force_login(quiet)
    centre = client.get("/notifications/").content.decode()
    assert "Reminder: please read and acknowledge “Sécurité”" in centre


@pytest.mark.django_db
def test_no_reminder_for_a_must_read_acknowledged_made_private_or_dropped_since_recorded(
    org, smtp_server
):
    from wagtail.models import PageViewRestriction

    from news.models import NewsPage

    read_since = person(username="read_since", team=org["it"])
    other = person(username="other", team=org["it"])
    security = publish_news(title="Sécurité", must_read=True, must_read_due=due_in(1))
    secret = publish_news(title="Confidentiel", must_read=True, must_read_due=due_in(1))
    old_rule = publish_news(title="Ancienne règle", must_read=True, must_read_due=due_in(1))
    assert send_due_reminders() == 6
    Acknowledgement.objects.create(page=security, user=read_since)
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )  # no group: nobody but superusers may open it now
    NewsPage.objects.filter(pk=old_rule.pk).update(must_read=False)

    for task in OutboxTask.objects.filter(task_path=REMINDER_TASK):
        run_stored_task(task.pk)

    [notice] = Notification.objects.filter(kind="must-read")
    assert (notice.recipient, notice.target_id) == (other, security.pk)
    assert [m["X-Envelope-To"] for m in smtp_server.messages] == [other.email]


@pytest.mark.django_db
def test_no_reminder_before_the_due_date_approaches(org):
    person(username="camille", team=org["it"])
    publish_news(title="Plus tard", must_read=True, must_read_due=due_in(10))

    assert send_due_reminders() == 0


@pytest.mark.django_db(transaction=True)
def test_the_beat_job_retried_on_a_real_worker_never_sends_twice(org, celery_worker):
    from news.tasks import send_must_read_reminders

    for number in range(3):
        person(username=f"p{number}", team=org["it"])
    publish_news(title="Urgent", audience=[org["it"]], must_read=True, must_read_due=due_in(0))

    first = send_must_read_reminders.apply_async().get(timeout=60)
    again = send_must_read_reminders.apply_async().get(timeout=60)

    assert (first, again) == (3, 0)
    assert MustReadReminder.objects.count() == 3
    assert OutboxTask.objects.filter(task_path=REMINDER_TASK).count() == 3


@pytest.mark.django_db
def test_editors_see_rates_by_team_and_export_who_acknowledged(client, org):
    configure_roles()
    editor = person(username="elise", groups=["Editors"])
    reader = person(username="reader", first_name="Jean", last_name="Lu", team=org["support"])
    person(username="other", team=org["it"])
    person(username="rh", team=org["hr"])
    news = publish_news(title="Charte", audience=[org["it"]], must_read=True)
    Acknowledgement.objects.create(page=news, user=reader)
    client.force_login(editor)

    html = client.get(f"/news/pages/{news.pk}/acknowledgements/").content.decode()
    export = client.get(f"/news/pages/{news.pk}/acknowledgements.csv")

    assert "1 of 2" in html or "1 sur 2" in html
    assert "RH" not in html.split("<tbody>")[1]
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    acknowledged = [row for row in rows[1:] if row[3]]
    assert [row[0] for row in acknowledged] == ["Jean Lu"]
    assert export["Content-Type"].startswith("text/csv")


@pytest.mark.django_db
def test_employees_cannot_see_or_export_acknowledgements(client, org):
    camille = person(username="camille")
    news = publish_news(title="Charte", must_read=True)
    client.force_login(camille)

    assert client.get(f"/news/pages/{news.pk}/acknowledgements/").status_code == 403
    assert client.get(f"/news/pages/{news.pk}/acknowledgements.csv").status_code == 403


@pytest.mark.django_db
def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, org):
    configure_roles()
    editor = person(username="elise", groups=["Editors"])
    person(username="evil", first_name="=HYPERLINK(1)", team=org["it"])
    news = publish_news(title="Charte", must_read=True)
    client.force_login(editor)

    export = client.get(f"/news/pages/{news.pk}/acknowledgements.csv").content.decode()

    assert "'=HYPERLINK(1)" in export


@pytest.mark.django_db
def test_editors_get_an_overview_of_must_reads_in_constant_queries(client, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    configure_roles()
    editor = person(username="elise", groups=["Editors"])
    camille = person(username="camille")
    first = publish_news(title="Première lecture", must_read=True, must_read_due=due_in(3))
    Acknowledgement.objects.create(page=first, user=camille)
    client.force_login(camille)
    assert client.get("/news/must-reads/").status_code == 403

    client.force_login(editor)
    client.get("/news/must-reads/")  # warm the site-root cache that publishing clears
    with CaptureQueriesContext(connection) as few:
        html = client.get("/news/must-reads/").content.decode()
    for number in range(6):
        publish_news(title=f"Lecture {number}", must_read=True)
    client.get("/news/must-reads/")
    with CaptureQueriesContext(connection) as many:
        client.get("/news/must-reads/")

    assert "Première lecture" in html and '">1</td>' in html  # one acknowledgement
    assert len(many) == len(few)


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_of_the_beat_job_send_each_reminder_once(org):
    import threading

    from django.db import connection

    for number in range(12):
        person(username=f"p{number}", team=org["it"])
    publish_news(title="Urgent", audience=[org["it"]], must_read=True, must_read_due=due_in(0))
    barrier = threading.Barrier(3)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(send_due_reminders())
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors
    assert sum(results) == 12
    assert MustReadReminder.objects.count() == 12
    assert OutboxTask.objects.filter(task_path=REMINDER_TASK).count() == 12


@pytest.mark.django_db
def test_the_rates_by_team_and_the_must_reads_become_cards_on_phones(client, org):
    configure_roles()
    person(username="reader", team=org["support"])
    news = publish_news(title="Charte", audience=[org["it"]], must_read=True)
    client.force_login(person(username="elise", groups=["Editors"]))

    rates = client.get(f"/news/pages/{news.pk}/acknowledgements/").content.decode()
    overview = client.get("/news/must-reads/").content.decode()

    assert assert_stacked(rates) and assert_stacked(overview) == 4  # one must-read
