"""Beat jobs of the notification centre (see CELERY_BEAT_SCHEDULE in the settings), and the
retry of immediate emails that failed."""

from celery import shared_task
from django_tasks import task

RETRY = {"autoretry_for": (Exception,), "retry_backoff": 60, "max_retries": 6}


@shared_task(name="notifications.send_digests", **RETRY)
def send_digests(cadence: str) -> int:
    """Beat job: hand the daily or weekly digests due now to the workers, in batches.

    Safe to run twice or to retry: each digest is claimed once when it is sent.
    """
    from notifications.jobs import plan_digests

    return plan_digests(cadence)


@shared_task(name="notifications.send_digest_batch", **RETRY)
def send_digest_batch(cadence: str, now: str, user_ids: list[int]) -> int:
    """Send one batch of digests; a failed send is retried with back-off, and the digests
    already sent in the batch are claimed and skipped."""
    from datetime import datetime

    from notifications.jobs import send_digests as send

    return send(cadence, now=datetime.fromisoformat(now), user_ids=user_ids)


@shared_task(name="notifications.nudge_challenge_owners", **RETRY)
def nudge_challenge_owners() -> int:
    """Nudge owners whose challenges have ideas unanswered for too long; once a week per set."""
    from notifications.jobs import nudge_challenge_owners as nudge

    return nudge()


@task()
def email_pending_notices(notice_ids: list[int], attempt: int) -> int:
    """Email again the immediate notices whose email failed (run once by the outbox); those
    already emailed meanwhile are skipped, and a new failure is retried later again."""
    from notifications.services import email_notices

    return email_notices(notice_ids=notice_ids, attempt=attempt)
