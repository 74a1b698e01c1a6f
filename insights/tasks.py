"""Background work of the insights app: beat jobs and the signals report email.

Direction: the beat jobs run the work of `insights.services`, which never imports this module.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from insights import recognition, services, team_digest
from insights.detection import weekly_signals
from insights.models import SignalReport, SignalReportDelivery
from insights.selectors import last_complete_week, signals_report_recipients
from insights.signals_counts import count_week, ensure_counted
from notifications.selectors import email_language


def record_signals_report(*, week: date | None = None) -> SignalReport | None:
    """Record the signals report of last week and enqueue its email to the communicators.

    The week is unique: a retried or overlapping run finds the report recorded and sends
    nothing (None). The email itself goes through the outbox, which runs it once.
    """
    week = week or last_complete_week()
    with transaction.atomic():
        report, created = SignalReport.objects.get_or_create(week_start=week)
        if not created:
            return None
        report.summary = weekly_signals(week)
        report.save(update_fields=["summary"])
        email_signals_report.enqueue(report.pk)
    return report


@task()
def email_signals_report(report_id: int) -> int:
    """Hand a recorded signals report to every active communicator (run once by the outbox).

    Each copy is its own outbox task: a mail server that refuses one address delays only that
    person's copy, retried with back-off, and never resends the copies already accepted.
    Returns how many copies were handed out.
    """
    report = SignalReport.objects.filter(pk=report_id, sent_at__isnull=True).first()
    if report is None:
        return 0
    delivered = report.deliveries.values("user_id")
    recipient_ids = list(
        signals_report_recipients().exclude(pk__in=delivered).values_list("pk", flat=True)
    )
    for user_id in recipient_ids:
        email_signals_report_to.enqueue(report.pk, user_id)
    report.sent_at = timezone.now()
    report.recipients = len(recipient_ids)
    report.save(update_fields=["sent_at", "recipients"])
    return len(recipient_ids)


@task()
def email_signals_report_to(report_id: int, user_id: int) -> bool:
    """Mail one communicator their copy of a report, in their language, at most once.

    The delivery row is written in the transaction that sends: a refused send rolls it back
    and the outbox retries; a copy accepted once is found recorded and never sent again.
    Nobody who has stopped being a communicator since the report was handed out gets it.
    """
    report = SignalReport.objects.filter(pk=report_id).first()
    user = signals_report_recipients().filter(pk=user_id).first()
    if report is None or user is None:
        return False
    with transaction.atomic():
        _delivery, created = SignalReportDelivery.objects.get_or_create(report=report, user=user)
        if not created:
            return False
        with translation.override(email_language(user)):
            subject = _("Ruche signals for the week of %(week)s") % {"week": report.week_start}
            body = render_to_string(
                "insights/email/signals_report.txt",
                {
                    "report": report,
                    "signals": report.summary,
                    "floor": settings.INSIGHTS_MIN_PEOPLE,
                },
            )
        send_mail(subject, body, None, [user.email])
    return True


@shared_task(name="insights.flush_activity")
def flush_activity() -> int:
    """Beat job: move the activity noted in Redis into the database (idempotent)."""
    return services.flush_activity()


@shared_task(name="insights.snapshot_kpis")
def snapshot_kpis() -> int:
    """Beat job: recompute the recent weeks' KPI snapshots (idempotent)."""
    return services.snapshot_kpis()


@shared_task(name="insights.count_signal_terms")
def count_signal_terms() -> int:
    """Beat job: recount last week's terms (so late hides and deletions reach it) and count
    any baseline week never counted; returns how many weeks were counted."""
    week = last_complete_week()
    baseline = [week - timedelta(weeks=n) for n in range(1, settings.INSIGHTS_BASELINE_WEEKS + 1)]
    filled = ensure_counted(baseline)
    count_week(week)
    return len(filled) + 1


@shared_task(name="insights.send_weekly_signals_report")
def send_weekly_signals_report() -> bool:
    """Beat job: last week's signals report, once per week however often it runs."""
    return record_signals_report() is not None


@shared_task(name="insights.draft_monthly_recognition")
def draft_monthly_recognition() -> bool:
    """Beat job (the 1st of each month): last month's recognition post, drafted once."""
    return recognition.draft_monthly_recognition() is not None


# --- Weekly team digest (insights/team_digest.py) ---------------------------------------------

RETRY = {"autoretry_for": (Exception,), "retry_backoff": 60, "max_retries": 6}
# Managers per batch task: several workers share a large organisation's Monday.
TEAM_DIGEST_BATCH = 100


@shared_task(name="insights.send_team_digests", **RETRY)
def send_team_digests() -> int:
    """Beat job (Monday mornings): hand this week's team digests to the workers, in batches.
    Safe to run again: each manager's digest is claimed once when it is sent."""
    return plan_team_digests()


def plan_team_digests(now: datetime | None = None) -> int:
    """Split the managers whose digest of the week has not gone out into batches of
    TEAM_DIGEST_BATCH, each a task any worker may run; returns the number of batches.
    `now` is fixed here so that a batch retried later still sends the same week."""
    now = now or timezone.now()
    ids = team_digest.unsent_recipient_ids(team_digest.digest_week(now))
    batches = [ids[i : i + TEAM_DIGEST_BATCH] for i in range(0, len(ids), TEAM_DIGEST_BATCH)]
    for batch in batches:
        send_team_digest_batch.apply_async(args=[now.isoformat(), batch])
    return len(batches)


@shared_task(name="insights.send_team_digest_batch", **RETRY)
def send_team_digest_batch(now: str, user_ids: list[int]) -> int:
    """Send one batch of team digests; those already sent are claimed and skipped."""
    return team_digest.send_team_digests(now=datetime.fromisoformat(now), user_ids=user_ids)
