"""Event emails: the invitation with its `.ics` file, once, in the reader's language, on the
suite's real SMTP server; the reminder the day before, once however often the job runs; and
the `.ics` file itself, checked against the rules of RFC 5545."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone, translation

from agenda.ics import escape_text, event_calendar, fold
from agenda.models import EventMode, RSVPStatus
from agenda.notifications import send_reminders
from agenda.services.rsvp import cancel_rsvp, rsvp
from communities.models import Visibility
from core.formats import local_date
from core.models import OutboxTask
from core.outbox import run_stored_task
from notifications.models import Cadence, Notification
from tests.communities.factories import community, event
from tests.ideas.concurrency import run_in_threads
from tests.notifications.factories import prefers
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def run_confirmations() -> list:
    rows = OutboxTask.objects.filter(task_path="agenda.tasks.confirm_place")
    return [run_stored_task(row.pk) for row in rows.order_by("pk")]


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar text (RFC 5545 §3.1: CRLF + one space continues)."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends with CRLF, no bare LF
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def properties(text: str) -> dict[str, str]:
    return dict(line.split(":", 1) for line in unfold(text) if ":" in line)


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def attachment_of(message):
    parts = [part for part in message.iter_attachments() if part.get_filename() == "event.ics"]
    assert len(parts) == 1
    assert parts[0].get_content_type() == "text/calendar"
    return parts[0].get_payload(decode=True).decode("utf-8")


# --- The .ics file ----------------------------------------------------------------------------


def test_the_calendar_file_follows_rfc_5545():
    meeting = event(
        community(),
        title="Atelier; cuisine, pâtisserie et « desserts » d’hiver — avec une très longue suite",
        place="Lyon, salle 2; bâtiment B",
        description="<p>Première ligne</p><p>Seconde, avec \\ une barre</p>",
        mode=EventMode.HYBRID,
        online_url="https://visio.example/salle",
    )
    stamp = datetime(2030, 5, 1, 8, 30, tzinfo=UTC)

    text = event_calendar(
        meeting, url="https://ruche.example/e/1/", show_online_link=True, now=stamp
    )

    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == 1 and "VERSION:2.0" in lines
    fields = properties(text)
    assert re.fullmatch(rf"event-{meeting.pk}@[\w.-]+", fields["UID"])
    assert fields["DTSTAMP"] == "20300501T083000Z"
    assert fields["DTSTART"] == meeting.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert fields["DTEND"].endswith("Z") and fields["DTEND"] > fields["DTSTART"]
    assert unescape(fields["SUMMARY"]) == meeting.title
    assert "\\;" in fields["SUMMARY"] and "\\," in fields["SUMMARY"]
    assert unescape(fields["LOCATION"]) == "Lyon, salle 2; bâtiment B — https://visio.example/salle"
    assert "\\n" in fields["DESCRIPTION"]
    assert "Seconde, avec \\ une barre" in unescape(fields["DESCRIPTION"])
    assert fields["URL"] == "https://ruche.example/e/1/"
    assert "PRODID" in fields and fields["STATUS"] == "CONFIRMED"


def test_folding_never_cuts_a_character_in_two():
    line = "SUMMARY:" + "é" * 100
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")
    assert folded.replace("\r\n ", "") == line


def test_text_values_escape_what_rfc_5545_asks():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_the_download_link_gives_the_file_to_readers(client):
    member = person()
    meeting = event(community(visibility=Visibility.CLOSED, members=[member]), place="Lyon")
    client.force_login(member)

    response = client.get(f"/events/{meeting.pk}/event.ics")

    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert properties(response.content.decode())["LOCATION"] == "Lyon"


# --- The invitation ---------------------------------------------------------------------------


def test_a_place_sends_one_email_with_the_calendar_file_in_french(smtp_server):
    member = person(email="camille@example.org")
    meeting = event(community(members=[member]), title="Atelier pain", place="Lyon")

    rsvp(event=meeting, user=member)
    run_confirmations()
    run_confirmations()  # a task run again sends nothing new

    [message] = smtp_server.to("camille@example.org")
    assert "Atelier pain" in message["Subject"]
    # French unless the person chose otherwise (the words come with the merged catalogue).
    with translation.override("fr"):
        assert local_date(meeting.starts_at, "DATETIME_FORMAT") in smtp_server.body(message)
    fields = properties(attachment_of(message))
    assert fields["SUMMARY"] == "Atelier pain" and fields["LOCATION"] == "Lyon"
    assert fields["URL"].endswith(f"/events/{meeting.pk}/")


def test_the_email_is_in_the_language_the_person_chose(smtp_server):
    member = person(email="alex@example.org")
    prefers(member, Cadence.DAILY, language="en")
    meeting = event(community(members=[member]), title="Bread workshop", place="Lyon")

    rsvp(event=meeting, user=member)
    run_confirmations()

    [message] = smtp_server.to("alex@example.org")
    assert "You are going to “Bread workshop”" in message["Subject"]
    assert "Hello," in smtp_server.body(message)


def test_the_waiting_list_gets_no_invitation_until_a_place_frees_up(smtp_server):
    holder, waiting = person(email="holder@example.org"), person(email="waiting@example.org")
    prefers(waiting, Cadence.DAILY, language="en")
    meeting = event(community(), capacity=1, place="Lyon")
    rsvp(event=meeting, user=holder)
    rsvp(event=meeting, user=waiting)
    run_confirmations()
    assert smtp_server.to("waiting@example.org") == []

    cancel_rsvp(event=meeting, user=holder)
    run_confirmations()

    [message] = smtp_server.to("waiting@example.org")
    assert "A place freed up" in message["Subject"]
    attachment_of(message)


def test_people_who_read_in_the_app_only_get_the_notice_without_email(smtp_server):
    member = person(email="app@example.org")
    prefers(member, Cadence.IN_APP)
    meeting = event(community(members=[member]), place="Lyon")

    rsvp(event=meeting, user=member)
    run_confirmations()

    assert smtp_server.to("app@example.org") == []
    assert Notification.objects.filter(recipient=member, kind="event").count() == 1


def test_someone_who_left_a_closed_community_is_not_emailed(smtp_server):
    member = person(email="left@example.org")
    closed = community(visibility=Visibility.CLOSED, members=[member])
    meeting = event(closed, place="Lyon")
    rsvp(event=meeting, user=member)
    closed.memberships.filter(user=member).delete()

    run_confirmations()

    assert smtp_server.to("left@example.org") == []


# --- Reminders --------------------------------------------------------------------------------


def test_those_going_are_reminded_the_day_before_once(smtp_server):
    going = person(email="going@example.org")
    waiting = person(email="waiting@example.org")
    group = community(members=[going, waiting])
    tomorrow = event(group, in_days=0.8, title="Demain", capacity=1, place="Lyon")
    later = event(group, in_days=3, title="Plus tard", place="Lyon")
    for meeting in (tomorrow, later):
        rsvp(event=meeting, user=going)
    rsvp(event=tomorrow, user=waiting)
    smtp_server.clear()

    assert send_reminders() == 1
    assert send_reminders() == 0

    [message] = smtp_server.to("going@example.org")
    assert "Demain" in message["Subject"]
    assert smtp_server.to("waiting@example.org") == []
    still = Notification.objects.get(recipient=waiting, key__startswith="communities:event-waiting")
    assert not still.immediate
    tomorrow.refresh_from_db()
    assert tomorrow.reminded_at is not None


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_reminders_at_once_send_each_one_once(smtp_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    people = [person(email=f"p{n}@example.org") for n in range(5)]
    group = community(members=people)
    meeting = event(group, in_days=0.5, place="Lyon")
    for user in people:
        rsvp(event=meeting, user=user)
    smtp_server.clear()

    outcomes = run_in_threads(2, lambda _n: send_reminders())

    assert sum(outcomes) == 5
    for user in people:
        assert len(smtp_server.to(user.email)) == 1


def test_a_cancelled_event_is_not_reminded(smtp_server):
    going = person(email="going@example.org")
    meeting = event(community(members=[going]), in_days=0.5, place="Lyon")
    rsvp(event=meeting, user=going)
    meeting.cancelled_at = timezone.now()
    meeting.save()
    smtp_server.clear()

    assert send_reminders() == 0
    assert smtp_server.to("going@example.org") == []


def test_the_reminder_job_is_scheduled():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "communities.remind_event_participants" in tasks


def test_an_event_moved_later_is_reminded_again_for_its_new_date(smtp_server):
    going = person(email="going@example.org")
    meeting = event(community(members=[going]), in_days=0.5, place="Lyon")
    rsvp(event=meeting, user=going)
    smtp_server.clear()
    send_reminders()
    meeting.refresh_from_db()
    moved = timezone.now() + timedelta(hours=20)
    meeting.starts_at, meeting.ends_at, meeting.reminded_at = (
        moved,
        moved + timedelta(hours=1),
        None,
    )
    meeting.save()

    send_reminders()

    assert len(smtp_server.to("going@example.org")) == 2
    assert meeting.rsvps.get().status == RSVPStatus.GOING
