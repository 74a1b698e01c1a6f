"""Rounds open once per period (beat job), and their notice and email lead to the answer."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxTask
from insights.pulse.models import Participation, PulseRound, QuestionKind, Recurrence
from insights.pulse.notices import notify_round
from insights.pulse.periods import due_opening
from insights.pulse.services import pulse_rounds_open
from notifications.models import Notification
from tests.insights.pulse.factories import answer, open_round, survey
from tests.people.factories import TeamFactory, employees, guest, person

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("recurrence", "today", "expected"),
    [
        (Recurrence.WEEKLY, MONDAY - timedelta(days=1), None),  # before the first week
        (Recurrence.WEEKLY, MONDAY + timedelta(days=3), MONDAY),
        (Recurrence.WEEKLY, MONDAY + timedelta(days=9), MONDAY + timedelta(weeks=1)),
        (Recurrence.FORTNIGHTLY, MONDAY + timedelta(days=9), MONDAY),
        (Recurrence.FORTNIGHTLY, MONDAY + timedelta(days=14), MONDAY + timedelta(weeks=2)),
        (Recurrence.ONCE, MONDAY + timedelta(days=13), MONDAY),
        (Recurrence.ONCE, MONDAY + timedelta(days=14), None),
        # monthly: the week it starts, then each month's first Monday, open two weeks
        (Recurrence.MONTHLY, MONDAY + timedelta(days=2), MONDAY),
        (Recurrence.MONTHLY, date(2026, 12, 7), date(2026, 12, 7)),
        (Recurrence.MONTHLY, date(2026, 12, 25), None),
        (Recurrence.MONTHLY, date(2027, 1, 5), date(2027, 1, 4)),
    ],
)
def test_the_round_due_on_a_day(recurrence, today, expected):
    assert due_opening(recurrence=recurrence, starts_on=MONDAY, today=today) == expected


@pytest.mark.django_db
def test_the_beat_job_opens_a_round_once_per_period_and_queues_its_notices_once():
    sales = TeamFactory(name="Ventes")
    employees(3, team=sales)
    weekly = survey(audience=[sales], starts_on=timezone.localdate())

    first = pulse_rounds_open()
    again = pulse_rounds_open()

    assert [r.survey for r in first] == [weekly] and again == []
    pulse_round = PulseRound.objects.get()
    assert pulse_round.invited == 3
    assert pulse_round.opens_on.weekday() == 0
    queued = OutboxTask.objects.filter(task_path="insights.pulse.notices.notify_round")
    assert [task.args for task in queued] == [[pulse_round.pk]]

    next_week = timezone.localdate() + timedelta(weeks=1)
    assert len(pulse_rounds_open(today=next_week)) == 1
    assert PulseRound.objects.count() == 2


@pytest.mark.django_db
def test_an_inactive_survey_opens_nothing():
    survey(active=False)

    assert pulse_rounds_open() == []


@pytest.mark.django_db
def test_the_audience_gets_a_notice_and_an_email_whose_score_links_work(client):
    sales, support = TeamFactory(name="Ventes"), TeamFactory(name="Support")
    asked = person(team=sales, email="asked@example.org")
    done = person(team=sales, email="done@example.org")
    outsider = person(team=support, email="outsider@example.org")
    guest(invited_by=asked)
    pulse_round = open_round(survey(title="Climat", audience=[sales]))
    answer(pulse_round, done, 9)
    mail.outbox.clear()

    sent = notify_round.call(pulse_round.pk)

    assert sent == 1 and [message.to for message in mail.outbox] == [["asked@example.org"]]
    assert set(Notification.objects.values_list("recipient", flat=True)) == {asked.pk}
    assert not Notification.objects.filter(recipient=outsider).exists()
    body = mail.outbox[0].body
    links = re.findall(r"^(\d+): (http\S+)$", body, flags=re.MULTILINE)
    assert [score for score, _link in links] == [str(score) for score in range(11)]
    score_7 = dict(links)["7"]
    assert score_7.endswith(reverse("insights_pulse:answer", args=[pulse_round.pk]) + "?score=7")
    html = mail.outbox[0].alternatives[0][0]
    assert f'href="{score_7}"' in html

    client.force_login(asked)
    link = urlsplit(score_7)
    page = client.get(f"{link.path}?{link.query}")
    assert page.status_code == 200 and Participation.objects.filter(user=asked).count() == 0
    assert notify_round.call(pulse_round.pk) == 0  # told once


@pytest.mark.django_db
def test_a_survey_whose_first_question_is_not_a_scale_sends_one_link():
    pulse_round = open_round(survey(questions=((QuestionKind.TEXT, "Un mot ?", ""),)), invited=1)
    person(email="someone@example.org")
    mail.outbox.clear()

    notify_round.call(pulse_round.pk)

    (message,) = mail.outbox
    assert "?score=" not in message.body
    assert reverse("insights_pulse:answer", args=[pulse_round.pk]) in message.body
