"""Beat jobs of the notification centre (see CELERY_BEAT_SCHEDULE in the settings), the
retry of immediate emails that failed, and the pushes of immediate notices.

Direction: `notifications.services` enqueues these tasks; they run the work of
`notifications.jobs`, `notifications.emails` and `notifications.push`, which import neither.
"""

import logging
from datetime import datetime

from celery import shared_task
from django.utils import timezone
from django_tasks import task

from notifications.emails import email_each, retry_later
from notifications.jobs import DIGEST_KINDS, send_nudges, unclaimed_reader_ids
from notifications.jobs import send_digests as send
from notifications.push import push_each

logger = logging.getLogger(__name__)

RETRY = {"autoretry_for": (Exception,), "retry_backoff": 60, "max_retries": 6}
# Readers per batch task: small enough for a retry to be cheap, large enough to share the
# run-wide pre-pass (`notifications.digests.run_facts`).
DIGEST_BATCH = 200


@shared_task(name="notifications.send_digests", **RETRY)
def send_digests(cadence: str) -> int:
    """Beat job: hand the daily or weekly digests due now to the workers, in batches.

    Safe to run twice or to retry: each digest is claimed once when it is sent.
    """
    return plan_digests(cadence)


def plan_digests(kind: str, now: datetime | None = None) -> int:
    """Split this period's unsent digests into batches, each a task any worker may run.

    `now` is fixed here so that a batch retried after midnight still sends the same period.
    Returns the number of batches.
    """
    if kind not in DIGEST_KINDS:
        raise ValueError(kind)
    now = now or timezone.now()
    ids = unclaimed_reader_ids(kind, now)
    batches = [ids[start : start + DIGEST_BATCH] for start in range(0, len(ids), DIGEST_BATCH)]
    for batch in batches:
        send_digest_batch.apply_async(args=[kind, now.isoformat(), batch])
    return len(batches)


@shared_task(name="notifications.send_digest_batch", **RETRY)
def send_digest_batch(cadence: str, now: str, user_ids: list[int]) -> int:
    """Send one batch of digests; a failed send is retried with back-off, and the digests
    already sent in the batch are claimed and skipped."""
    return send(cadence, now=datetime.fromisoformat(now), user_ids=user_ids)


@shared_task(name="notifications.nudge_challenge_owners", **RETRY)
def nudge_challenge_owners() -> int:
    """Beat job: run every registered nudge (`core.nudges`), such as the one to owners whose
    challenges have ideas unanswered for too long; once a week per set."""
    return send_nudges()


def email_notices(
    *,
    notice_ids: list[int],
    languages: dict[int, tuple[str, str]] | None = None,
    attempt: int = 1,
) -> int:
    """Email these notices once each (`notifications.emails.email_each`); returns how many
    emails went. Those the mail server refused go to `email_pending_notices` with back-off, up
    to `EMAIL_ATTEMPTS` times; a notice never emailed then waits for the digest. So no email
    is ever sent twice."""
    sent, failed = email_each(notice_ids=notice_ids, languages=languages, attempt=attempt)
    if failed and not retry_later(email_pending_notices, attempt=attempt, notice_ids=failed):
        logger.error("Notices %s not emailed after %s attempts", failed, attempt)
    return sent


@task()
def email_pending_notices(notice_ids: list[int], attempt: int) -> int:
    """Email again the immediate notices whose email failed (run once by the outbox); those
    already emailed meanwhile are skipped, and a new failure is retried later again."""
    return email_notices(notice_ids=notice_ids, attempt=attempt)


def push_notices(*, notice_ids: list[int], attempt: int = 1) -> int:
    """Push these notices once to each browser of their readers (`notifications.push`);
    returns how many pushes went. Those a push service did not take go to
    `push_pending_notices` with back-off, up to `EMAIL_ATTEMPTS` times; a notice never pushed
    stays in the app (and in the digest while unread). No browser gets a notice twice."""
    sent, failed = push_each(notice_ids=notice_ids, attempt=attempt)
    if failed and not retry_later(push_pending_notices, attempt=attempt, notice_ids=failed):
        logger.error("Notices %s not pushed after %s attempts", failed, attempt)
    return sent


@task()
def push_pending_notices(notice_ids: list[int], attempt: int = 1) -> int:
    """Push the immediate notices of one event (run by the outbox after the notices commit),
    or those whose push failed before; those pushed meanwhile are skipped."""
    return push_notices(notice_ids=notice_ids, attempt=attempt)
