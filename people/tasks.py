"""Background work of the people app: telling people about the kudos they received, and
emailing guests their invitation."""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from core.delivery import deliver_once
from notifications.emails import MAIL_ERRORS, absolute_url, retry_later
from notifications.services import email_once, notify
from people.models import GuestInvitation, Kudos, KudosNotification, invitation_token

logger = logging.getLogger(__name__)


@task()
def notify_kudos(kudos_id: int, attempt: int = 1) -> int:
    """Tell the recipient of a kudos and their manager; returns how many emails were sent.

    Each person gets a notice in the notification centre, and an email unless they read in
    the app only. The email is recorded (the notice's `emailed_at` and a unique (kudos, person)
    row) in the same transaction as the sending, so a retried or redelivered task, or two runs
    at once, never send the same email twice. An email the mail server refuses is retried by a
    later run of this task, which skips the one already sent.
    """
    kudos = (
        Kudos.objects.select_related(
            "sender", "recipient__user", "recipient__manager__user", "value"
        )
        .filter(pk=kudos_id)
        .first()
    )
    if kudos is None:
        return 0
    recipient = kudos.recipient
    targets = [(recipient.user, KudosNotification.Role.RECIPIENT)]
    manager = recipient.manager
    if manager is not None and manager.is_active and manager.user_id != kudos.sender_id:
        targets.append((manager.user, KudosNotification.Role.MANAGER))
    sent, refused = 0, False
    for user, role in targets:
        if not user.is_active:
            continue
        key = f"people:kudos:{kudos.pk}"
        notify(
            recipient_ids=[user.pk],
            key=key,
            kind="kudos",
            message=partial(_subject, kudos, user, role),
            url=kudos_url(kudos),
            immediate=False,
            target=("people.kudos", kudos.pk),
            push=True,  # an important event, emailed by `email_once` below
        )
        try:
            if email_once(user=user, key=key, send=partial(_send, kudos, user, role)):
                sent += 1
        except IntegrityError:
            continue  # told already, by an earlier run of this task
        except MAIL_ERRORS:
            logger.warning("Kudos %s not emailed to %s", kudos.pk, user.pk, exc_info=True)
            refused = True
    if refused and not retry_later(notify_kudos, attempt=attempt, kudos_id=kudos.pk):
        logger.error("Kudos %s not emailed to everyone after %s attempts", kudos.pk, attempt)
    return sent


def _context(kudos: Kudos, user, role: str) -> dict:
    return {
        "kudos": kudos,
        "user": user,
        "is_manager": role == KudosNotification.Role.MANAGER,
        "url": absolute_url(kudos_url(kudos)),
    }


def _subject(kudos: Kudos, user, role: str) -> str:
    return render_to_string("people/email/kudos_subject.txt", _context(kudos, user, role)).strip()


def _send(kudos: Kudos, user, role: str, language: str) -> None:
    """Record the (kudos, person) pair and send, in the caller's transaction and language."""
    KudosNotification.objects.create(kudos=kudos, user=user, role=role)
    context = _context(kudos, user, role)
    subject = render_to_string("people/email/kudos_subject.txt", context).strip()
    body = render_to_string("people/email/kudos_body.txt", context)
    send_mail(subject, body, None, [user.email])


def kudos_url(kudos: Kudos) -> str:
    return reverse("people:profile", args=[kudos.recipient.user.username]) + f"#kudos-{kudos.pk}"


@task()
def send_guest_invitation(invitation_id: int) -> bool:
    """Email a guest the link of their invitation, once; returns whether it went out.

    In the site's language (French by default: the guest has chosen none yet), with who
    invited them, until when the link works and the inviter's welcome. A mail server that
    refuses raises, and the outbox runs the task again (`deliver_once` keeps a sent email
    from going twice). An invitation used or expired meanwhile is not sent.
    """
    invitation = (
        GuestInvitation.objects.select_related("user", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        return False
    return deliver_once(
        key=f"guest-invitation:{invitation.pk}", send=partial(_send_invitation, invitation)
    )


def _send_invitation(invitation: GuestInvitation) -> None:
    inviter = invitation.invited_by
    context = {
        "invitation": invitation,
        "guest": invitation.user,
        "inviter": (inviter.get_full_name() or inviter.get_username()) if inviter else "",
        "url": absolute_url(reverse("people:guest_accept", args=[invitation_token(invitation)])),
        "sign_in_url": absolute_url(reverse("login")),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("people/email/guest_invitation_subject.txt", context).strip()
        body = render_to_string("people/email/guest_invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])
