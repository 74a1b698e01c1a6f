"""Beat jobs of the notification centre (see CELERY_BEAT_SCHEDULE in the settings)."""

from celery import shared_task


@shared_task(
    name="notifications.send_digests",
    autoretry_for=(Exception,),
    retry_backoff=60,
    max_retries=6,
)
def send_digests(cadence: str) -> int:
    """Send the daily or weekly digests due now; safe to retry or to run twice at once.

    A failed send is retried with back-off; digests already sent are claimed and skipped.
    """
    from notifications.jobs import send_digests as send

    return send(cadence)


@shared_task(name="notifications.nudge_challenge_owners")
def nudge_challenge_owners() -> int:
    """Nudge owners whose challenges have ideas unanswered for too long; once a week per set."""
    from notifications.jobs import nudge_challenge_owners as nudge

    return nudge()
