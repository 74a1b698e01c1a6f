"""Background work of the news app: reminders and answers to the notification centre, and
the periodic jobs.

Direction: `news.services` enqueues these tasks; they read through `news.selectors` and never
import the services.
"""

from datetime import date, timedelta
from functools import partial

from celery import shared_task
from django.core.mail import send_mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from core.formats import local_date
from news.models import (
    Acknowledgement,
    LeadershipIndexPage,
    MustReadReminder,
    NewsPage,
    Question,
    ReminderStage,
)
from news.selectors import addressed_to, addressed_users, viewable_by
from notifications.services import email_once, notify

REMIND_DAYS_BEFORE_DUE = 2


@task()
def send_must_read_reminder(reminder_id: int) -> None:
    """Post one recorded reminder to the reader's notification centre (run once by the outbox).

    The notice is immediate: emailed at once in the reader's language unless they read in the
    app only. Its key names the reminder, so a retried task posts and emails nothing new.
    Nobody is reminded of a page they have acknowledged since, may no longer open, or that is
    no longer a must-read.
    """
    reminder = (
        MustReadReminder.objects.select_related("page", "user").filter(pk=reminder_id).first()
    )
    if reminder is None or not reminder.user.is_active:
        return
    page, user = reminder.page, reminder.user
    if not page.must_read:
        return  # no longer a must-read
    still_open = addressed_to(viewable_by(NewsPage.objects.filter(pk=page.pk), user), user)
    if not still_open.exists() or Acknowledgement.objects.filter(page=page, user=user).exists():
        return
    notify(
        recipient_ids=[user.pk],
        key=f"news:must-read:{page.pk}:{reminder.pk}",
        kind="must-read",
        message=partial(_must_read_message, page),
        url=page.url or "",
        immediate=True,
        target=("news.page", page.pk),
    )


def _must_read_message(page) -> str:
    if page.must_read_due is None:
        return _("Reminder: please read and acknowledge “%(title)s”") % {"title": page.title}
    return _("Reminder: please read and acknowledge “%(title)s” (due %(due)s)") % {
        "title": page.title,
        "due": local_date(page.must_read_due),
    }


@task()
def notify_question_answered(question_id: int) -> None:
    """Tell the asker (only them: anonymity holds) that leadership answered their question:
    a notice in the notification centre, and an email unless they read in the app only."""
    question = Question.objects.select_related("author", "update").filter(pk=question_id).first()
    if question is None:
        return
    page = question.update or LeadershipIndexPage.objects.live().first()
    key = f"news:question-answered:{question.pk}"
    notify(
        recipient_ids=[question.author_id],
        key=key,
        kind="question",
        message=lambda: (
            _("Leadership answered your question “%(question)s”")
            % {"question": question.body[:120]}
        ),
        url=page.url if page else "",
        immediate=False,
        target=("news.page", page.pk) if page else None,
        push=True,  # an important event, emailed by `email_once` below
    )

    def send(language: str) -> None:
        url = (page.get_full_url() or page.url) if page else ""
        subject = _("Leadership answered your question")
        body = _(
            "Hello,\n\nYour question “%(question)s” has an answer:\n\n%(answer)s\n\n%(url)s\n"
        ) % {
            "question": question.body[:200],
            "answer": question.answer,
            "url": url,
        }
        send_mail(subject, body, None, [question.author.email])

    email_once(user=question.author, key=key, send=send)


@shared_task(name="news.send_must_read_reminders")
def send_must_read_reminders() -> int:
    """Beat job: record and enqueue the reminders that are due; safe to re-run at any time."""
    return send_due_reminders()


def reminder_stage(page: NewsPage, today: date) -> str | None:
    if not page.must_read or page.must_read_due is None:
        return None
    if today > page.must_read_due:
        return ReminderStage.OVERDUE
    if today >= page.must_read_due - timedelta(days=REMIND_DAYS_BEFORE_DUE):
        return ReminderStage.DUE_SOON
    return None


def send_due_reminders(*, today: date | None = None) -> int:
    """Remind everyone addressed who has not acknowledged a must-read that is due soon or late.

    Each (page, person, stage) is recorded under a unique constraint before its notice is
    enqueued in the same transaction, so a re-run or a retried job never sends it twice.
    Returns the number of reminders recorded by this call.
    """
    today = today or timezone.localdate()
    sent = 0
    pages = NewsPage.objects.live().filter(must_read=True, must_read_due__isnull=False)
    for page in pages:
        stage = reminder_stage(page, today)
        if stage is None:
            continue
        already = MustReadReminder.objects.filter(page=page, stage=stage).values("user_id")
        acknowledged = Acknowledgement.objects.filter(page=page).values("user_id")
        users = (
            addressed_users(page)
            .exclude(pk__in=acknowledged)
            .exclude(pk__in=already)
            .values_list("pk", flat=True)
        )
        for user_id in users:
            with transaction.atomic():
                reminder, created = MustReadReminder.objects.get_or_create(
                    page=page, user_id=user_id, stage=stage
                )
                if created:
                    send_must_read_reminder.enqueue(reminder.pk)
                    sent += 1
    return sent


@shared_task(name="news.publish_scheduled")
def publish_scheduled() -> None:
    """Beat job: Wagtail publishes (and unpublishes) what editors scheduled."""
    call_command("publish_scheduled")
