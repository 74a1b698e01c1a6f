"""The weekly nudge to challenge owners about ideas waiting too long for an answer.

Registered from `IdeasConfig.ready()` (see `core.nudges`) and run by the notification
centre's beat job (`notifications.nudge_challenge_owners`).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import ngettext

from core.nudges import Nudge
from ideas.selectors import unanswered_ideas_by_challenge
from notifications.services import notify


def nudge_challenge_owners(now: datetime | None = None) -> int:
    """Tell each challenge owner how many ideas have waited too long for an answer.

    The notice's key holds the ISO week and a fingerprint of the waiting ideas: one nudge per
    set of ideas per week, whatever the number of runs. Returns how many emails went out.
    """
    now = now or timezone.now()
    days = settings.NOTIFICATIONS_NUDGE_AFTER_DAYS
    year, week, _weekday = timezone.localdate(now).isocalendar()
    sent = 0
    waiting = unanswered_ideas_by_challenge(older_than=now - timedelta(days=days))
    for challenge, idea_ids in waiting.items():
        fingerprint = hashlib.sha256(",".join(map(str, idea_ids)).encode()).hexdigest()[:12]
        count, title = len(idea_ids), challenge.title

        def message(count=count, title=title) -> str:
            return ngettext(
                "%(count)d idea in “%(challenge)s” has waited more than %(days)d days "
                "for an answer",
                "%(count)d ideas in “%(challenge)s” have waited more than %(days)d days "
                "for an answer",
                count,
            ) % {"count": count, "challenge": title, "days": days}

        sent += notify(
            recipient_ids=[challenge.challenge_owner_id],
            key=f"nudge:{challenge.pk}:{year}-W{week:02d}:{fingerprint}",
            kind="nudge",
            message=message,
            url=challenge.url or "",
            target=("ideas.challenge", challenge.pk),
        )
    return sent


CHALLENGE_OWNERS = Nudge(name="ideas.challenge-owners", send=nudge_challenge_owners)
