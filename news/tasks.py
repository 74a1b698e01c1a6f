"""Background work of the news app: reminder emails and the periodic jobs."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.core.management import call_command
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task


@task()
def send_must_read_reminder(reminder_id: int) -> None:
    """Email one recorded reminder (run once by the outbox)."""
    from news.models import MustReadReminder

    reminder = (
        MustReadReminder.objects.select_related("page", "user").filter(pk=reminder_id).first()
    )
    if reminder is None or not reminder.user.email:
        return
    page = reminder.page
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Reminder: please read “%(title)s”") % {"title": page.title}
        due = date_format(page.must_read_due, "DATE_FORMAT") if page.must_read_due else ""
        body = _("Hello,\n\nPlease read and acknowledge “%(title)s” (due %(due)s):\n%(url)s\n") % {
            "title": page.title,
            "due": due,
            "url": page.get_full_url() or page.url,
        }
    send_mail(subject, body, None, [reminder.user.email])


@task()
def notify_question_answered(question_id: int) -> None:
    """Tell the asker (only them: anonymity holds) that leadership answered their question:
    a notice in the notification centre, and an email unless they read in the app only."""
    from news.models import LeadershipIndexPage, Question
    from notifications.services import email_once, notify

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
    from news.services import send_due_reminders

    return send_due_reminders()


@shared_task(name="news.publish_scheduled")
def publish_scheduled() -> None:
    """Beat job: Wagtail publishes (and unpublishes) what editors scheduled."""
    call_command("publish_scheduled")
