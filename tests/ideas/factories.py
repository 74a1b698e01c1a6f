"""Builders for the ideas tests: teams, people with import keys, hub, challenges, ideas."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify

from core.models import ExternalKey
from ideas.models import ChallengePage, Idea, IdeasHubPage
from people.models import Profile, Team
from tests.factories import UserFactory, home_page


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.LazyAttribute(lambda team: slugify(team.name))


def person(username: str | None = None, *, team: Team | None = None, key: str | None = None):
    """A user with a profile in `team`; with `key`, findable as an imported `person`."""
    user = UserFactory(username=username) if username else UserFactory()
    profile, _ = Profile.objects.update_or_create(user=user, defaults={"team": team})
    user.profile = profile  # the profile made when the user was saved is cached without a team
    if key:
        ExternalKey.objects.update_or_create(
            kind="person",
            key=key,
            defaults={
                "content_type": ContentType.objects.get_for_model(Profile),
                "object_id": str(profile.pk),
            },
        )
    return user


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
