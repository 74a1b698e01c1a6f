"""Telling the audience a round is open: a notice in the notification centre, and an email
whose first question (a scale) is a row of links, so that answering takes two clicks."""

from __future__ import annotations

import logging
from functools import partial

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from insights.privacy import min_people
from insights.pulse.apps import TARGET_KIND
from insights.pulse.models import Participation, PulseRound
from insights.pulse.selectors import audience_user_ids, is_open, round_for_answering
from notifications.emails import MAIL_ERRORS, absolute_url, retry_later
from notifications.services import email_once, notify

logger = logging.getLogger(__name__)


def notice_key(pulse_round: PulseRound) -> str:
    return f"insights_pulse:round:{pulse_round.pk}"


def answer_url(pulse_round: PulseRound, score: int | None = None) -> str:
    """The round's form; with a score, that score preselected for the first question."""
    url = reverse("insights_pulse:answer", args=[pulse_round.pk])
    return url if score is None else f"{url}?score={score}"


@task()
def notify_round(round_id: int, attempt: int = 1) -> int:
    """Post the round's notice to everyone asked who has not answered yet, and email them
    (unless they read in the app only), each email once (`email_once`). A refused address is
    retried by a later run, which skips the emails already sent. Returns the emails sent."""
    pulse_round = round_for_answering(round_id)
    if pulse_round is None or not is_open(pulse_round) or not pulse_round.survey.active:
        return 0
    answered = Participation.objects.filter(round=pulse_round).values("user_id")
    users = list(
        get_user_model()
        .objects.filter(pk__in=audience_user_ids(pulse_round.survey))
        .exclude(pk__in=answered)
        .order_by("pk")
    )
    key = notice_key(pulse_round)
    notify(
        recipient_ids=[user.pk for user in users],
        key=key,
        kind="pulse",
        message=partial(_subject, pulse_round),
        url=answer_url(pulse_round),
        immediate=False,
        target=(TARGET_KIND, pulse_round.pk),
        push=True,  # emailed below, by the survey's own email
    )
    sent, refused = 0, False
    for user in users:
        try:
            if email_once(user=user, key=key, send=partial(_send, pulse_round, user)):
                sent += 1
        except IntegrityError:
            continue
        except MAIL_ERRORS:
            logger.warning(
                "Pulse round %s not emailed to %s", pulse_round.pk, user.pk, exc_info=True
            )
            refused = True
    if refused and not retry_later(notify_round, attempt=attempt, round_id=pulse_round.pk):
        logger.error("Pulse round %s not emailed to everyone after %s attempts", round_id, attempt)
    return sent


def _subject(pulse_round: PulseRound) -> str:
    return _("A short survey for you: %(title)s") % {"title": pulse_round.survey.title}


def _send(pulse_round: PulseRound, user, language: str) -> None:
    """The email, in the reader's language (the caller's translation override)."""
    questions = list(pulse_round.survey.questions.all())
    first = questions[0] if questions else None
    scores = [
        (score, absolute_url(answer_url(pulse_round, score)))
        for score in (first.scale if first is not None and first.scale else ())
    ]
    context = {
        "user": user,
        "survey": pulse_round.survey,
        "round": pulse_round,
        "first": first,
        "scores": scores,
        "more": len(questions) > 1,
        "floor": min_people(),
        "language": language,
        "url": absolute_url(answer_url(pulse_round)),
        "preferences": absolute_url(reverse("notifications:preferences")),
    }
    body = render_to_string("insights_pulse/email/round_open.txt", context)
    html = render_to_string("insights_pulse/email/round_open.html", context)
    send_mail(_subject(pulse_round), body, None, [user.email], html_message=html)
