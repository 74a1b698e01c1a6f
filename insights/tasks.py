"""Background work of the insights app: beat jobs and the signals report email."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task


@task()
def email_signals_report(report_id: int) -> int:
    """Email a recorded signals report to every active communicator (run once by the outbox)."""
    from insights.models import SignalReport
    from insights.selectors import COMMUNICATORS_GROUP

    report = SignalReport.objects.filter(pk=report_id, sent_at__isnull=True).first()
    if report is None:
        return 0
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(Q(groups__name=COMMUNICATORS_GROUP) | Q(is_superuser=True))
            .filter(is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Ruche signals for the week of %(week)s") % {"week": report.week_start}
        body = render_to_string(
            "insights/email/signals_report.txt",
            {"report": report, "signals": report.summary, "floor": settings.INSIGHTS_MIN_PEOPLE},
        )
    for address in recipients:
        send_mail(subject, body, None, [address])
    report.sent_at = timezone.now()
    report.recipients = len(recipients)
    report.save(update_fields=["sent_at", "recipients"])
    return len(recipients)


@shared_task(name="insights.flush_activity")
def flush_activity() -> int:
    """Beat job: move the activity noted in Redis into the database (idempotent)."""
    from insights.services import flush_activity as flush

    return flush()


@shared_task(name="insights.snapshot_kpis")
def snapshot_kpis() -> int:
    """Beat job: recompute the recent weeks' KPI snapshots (idempotent)."""
    from insights.services import snapshot_kpis as snapshot

    return snapshot()


@shared_task(name="insights.send_weekly_signals_report")
def send_weekly_signals_report() -> bool:
    """Beat job: last week's signals report, once per week however often it runs."""
    from insights.services import send_weekly_signals_report as send

    return send() is not None
