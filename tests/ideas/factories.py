"""Builders for the ideas tests: the hub, challenges in a given phase, ideas.

People and teams come from tests/people/factories.py.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ideas.models import ChallengePage, Idea, IdeasHubPage
from tests.intranet.factories import home_page
from tests.people.factories import UserFactory


def hub() -> IdeasHubPage:
    existing = IdeasHubPage.objects.first()
    if existing:
        return existing
    page = IdeasHubPage(title="Idées", slug="idees")
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def challenge(
    *,
    owner=None,
    title: str = "Moins de papier",
    audience=(),
    phase: str = "submission",
    **fields,
) -> ChallengePage:
    """A published challenge; `phase` places the dates so that it is in that phase now.

    `submission` and `voting` both accept votes unless `voting_opens_at` is set: pass
    `phase="open"` for a challenge that takes ideas and votes at once.
    """
    now = timezone.now()
    day = timedelta(days=1)
    dates = {
        "open": {"opens_at": now - day, "closes_at": now + 30 * day},
        "submission": {
            "opens_at": now - day,
            "voting_opens_at": now + 10 * day,
            "closes_at": now + 30 * day,
        },
        "voting": {
            "opens_at": now - 10 * day,
            "voting_opens_at": now - day,
            "review_opens_at": now + 10 * day,
            "closes_at": now + 30 * day,
        },
        "review": {
            "opens_at": now - 20 * day,
            "voting_opens_at": now - 10 * day,
            "review_opens_at": now - day,
            "closes_at": now + 10 * day,
        },
        "closed": {"opens_at": now - 30 * day, "closes_at": now - day},
        "upcoming": {"opens_at": now + day, "closes_at": now + 30 * day},
    }[phase]
    page = ChallengePage(
        title=title,
        challenge_owner=owner or UserFactory(),
        **{"description": "<p>Comment réduire nos impressions ?</p>", **dates, **fields},
    )
    hub().add_child(instance=page)
    page.audience.set(list(audience))
    page.save_revision().publish()
    return ChallengePage.objects.get(pk=page.pk)


def idea(challenge_page: ChallengePage, *, author=None, title="Imprimer recto verso", **fields):
    fields.setdefault("description", "<p>Par défaut sur toutes les imprimantes.</p>")
    fields.setdefault("created_at", timezone.now())
    return Idea.objects.create(
        challenge=challenge_page, author=author or UserFactory(), title=title, **fields
    )
