"""Background work of the people app: telling people about the kudos they received."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from people.models import Kudos, KudosNotification


@task()
def notify_kudos(kudos_id: int) -> int:
    """Email the recipient of a kudos and their manager; returns how many were sent.

    Each email is recorded with a unique (kudos, person) row in the same transaction as the
    sending, so a task that is retried or redelivered never sends the same email twice.
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
    sent = 0
    for user, role in targets:
        if not user.email or not user.is_active:
            continue
        try:
            with transaction.atomic():
                KudosNotification.objects.create(kudos=kudos, user=user, role=role)
                _send(kudos, user, role)
        except IntegrityError:
            continue  # told already, by an earlier run of this task
        sent += 1
    return sent


def _send(kudos: Kudos, user, role: str) -> None:
    context = {
        "kudos": kudos,
        "user": user,
        "is_manager": role == KudosNotification.Role.MANAGER,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + kudos_url(kudos),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("people/email/kudos_subject.txt", context).strip()
        body = render_to_string("people/email/kudos_body.txt", context)
    send_mail(subject, body, None, [user.email])


def kudos_url(kudos: Kudos) -> str:
    from django.urls import reverse

    return reverse("people:profile", args=[kudos.recipient.user.username]) + f"#kudos-{kudos.pk}"
