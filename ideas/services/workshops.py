"""Co-creation workshops: created by the owner, capacity held under concurrent sign-ups."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.models import ChallengePage, Workshop, WorkshopRegistration
from ideas.selectors import (
    can_manage_challenge,
    can_view_challenge,
    users_in_audience,
    workshop_idea_choices,
)
from core.links import clean_web_url
from core.formats import local_date

from .errors import Conflict, Invalid, NotAllowed, NotFound
from .ideas import check_title_text

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def create_workshop(
    *,
    user: User,
    challenge: ChallengePage,
    title: str,
    starts_at: datetime,
    capacity: int,
    place: str = "",
    link: str = "",
    idea_ids: Iterable[int] = (),
) -> Workshop:
    """The owner plans a workshop about some ideas of the challenge.

    The link must be an http(s) address (never `javascript:`); the ideas must be visible
    ideas of this challenge. Everything is checked before anything is stored.
    """
    if not can_manage_challenge(user, challenge):
        raise NotAllowed(_("Only the challenge owner can create workshops."))
    title = " ".join((title or "").split())
    if not title:
        raise Invalid(_("Give the workshop a title."))
    check_title_text(title)
    if capacity < 1:
        raise Invalid(_("A workshop needs at least one seat."))
    place = " ".join((place or "").split())
    try:
        link = clean_web_url(link)
    except ValidationError as error:
        raise Invalid(" ".join(error.messages)) from error
    if not place and not link:
        raise Invalid(_("Give a place or an online link."))
    wanted = {int(pk) for pk in idea_ids}
    ideas = list(workshop_idea_choices(challenge).filter(pk__in=wanted))
    if len(ideas) != len(wanted):
        raise Invalid(_("A workshop can only be about visible ideas of this challenge."))
    workshop = Workshop(
        challenge=challenge,
        title=title[:200],
        starts_at=starts_at,
        capacity=capacity,
        place=place[:200],
        link=link,
    )
    try:
        workshop.full_clean(exclude=["challenge"])
    except ValidationError as error:
        raise Invalid(" ".join(error.messages)) from error
    with transaction.atomic():
        workshop.save()
        workshop.ideas.set(ideas)
    return workshop


def sign_up(*, user: User, workshop: Workshop, now: datetime | None = None) -> WorkshopRegistration:
    """Take a seat; the workshop row is locked so the capacity holds under concurrency."""
    if not can_view_challenge(user, workshop.challenge):
        raise NotFound(_("Not found."))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            locked = Workshop.objects.select_for_update().get(pk=workshop.pk)
            if locked.starts_at <= now:
                raise Conflict(_("This workshop has already started."))
            seats = WorkshopRegistration.objects.filter(workshop=locked)
            if seats.filter(user=user).exists():
                raise Conflict(_("You are already signed up."))
            if seats.count() >= locked.capacity:
                raise Conflict(_("This workshop is full."))
            return WorkshopRegistration.objects.create(workshop=locked, user=user)
    except IntegrityError as twice:
        raise Conflict(_("You are already signed up.")) from twice


def cancel_sign_up(*, user: User, workshop: Workshop) -> None:
    """Give the seat back (idempotent)."""
    with transaction.atomic():
        Workshop.objects.select_for_update().get(pk=workshop.pk)
        WorkshopRegistration.objects.filter(workshop=workshop, user=user).delete()
