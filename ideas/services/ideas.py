"""Submitting ideas, voting and taking votes back."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from ideas.models import ChallengePage, Follow, Idea, Vote, VoteBudget
from ideas.selectors import can_view_challenge, users_in_audience
from core.richtext import text_to_html
from core.text import (
    BIDI_MESSAGE,
    DESCRIPTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    first_bidi_control,
    too_long_message,
)

from .coauthors import invite_co_authors
from .errors import Conflict, Invalid, NotAllowed, NotFound
from .notify import notify_later

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TITLE_MAX = TITLE_MAX_LENGTH


def check_title_text(title: str) -> None:
    """No invisible direction control in a title (core/text.py says why)."""
    code = first_bidi_control(title)
    if code:
        raise Invalid(BIDI_MESSAGE % {"code": code})


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise Invalid(_("Give your idea a title."))
    if len(title) > TITLE_MAX:
        raise Invalid(_("The title is too long (200 characters at most)."))
    check_title_text(title)
    return title


def clean_rich_text(text: str, *, what: str, limit: int) -> str:
    """Sanitised HTML that still says something once the tags are gone; at most `limit`
    characters as written."""
    if len(text or "") > limit:
        raise Invalid(too_long_message(len(text), limit))
    markup = text_to_html(text or "")
    if not strip_tags(markup).strip():
        raise Invalid(what)
    return markup


def clean_tags(tags: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for tag in tags:
        tag = " ".join(str(tag).split())[:100]
        if tag and tag.lower() not in {existing.lower() for existing in cleaned}:
            cleaned.append(tag)
    return cleaned[:10]


def submit_idea(
    *,
    user: User,
    challenge: ChallengePage,
    title: str,
    description: str,
    tags: Iterable[str] = (),
    co_author_ids: Iterable[int] = (),
    anonymous: bool = False,
    now: datetime | None = None,
) -> Idea:
    """An employee of the audience proposes an idea during the submission phase.

    The description is sanitised; co-authors outside the audience are refused, the others
    are invited and named only once they accept; the author follows the idea; the owner and
    the challenge's followers are notified.
    """
    if not can_view_challenge(user, challenge) or not challenge.live:
        raise NotFound(_("This challenge does not exist."))
    now = now or timezone.now()
    if not challenge.accepts_ideas(now):
        raise Conflict(_("This challenge is not accepting ideas now."))
    if anonymous and not challenge.allow_anonymous_ideas:
        raise Invalid(_("This challenge does not accept anonymous ideas."))
    title = clean_title(title)
    markup = clean_rich_text(
        description, what=_("Describe your idea."), limit=DESCRIPTION_MAX_LENGTH
    )
    co_ids = {int(pk) for pk in co_author_ids} - {user.pk}
    if co_ids and users_in_audience(challenge, co_ids) != co_ids:
        raise Invalid(_("Every co-author must be a colleague who can see this challenge."))
    with transaction.atomic():
        idea = Idea.objects.create(
            challenge=challenge,
            author=user,
            title=title,
            description=markup,
            anonymous=anonymous,
            created_at=now,
        )
        invite_co_authors(idea=idea, user_ids=co_ids, invited_by=user)
        idea.tags.set(clean_tags(tags))
        Follow.objects.get_or_create(user=user, idea=idea)
        notify_later(f"idea-submitted:{idea.pk}", idea_id=idea.pk, actor_id=user.pk)
    return idea


def _lock_budget(challenge_id: int, user_id: int) -> None:
    """Take the per-(challenge, voter) lock; the row is created on first use."""
    VoteBudget.objects.bulk_create(
        [VoteBudget(challenge_id=challenge_id, user_id=user_id)], ignore_conflicts=True
    )
    VoteBudget.objects.select_for_update().get(challenge_id=challenge_id, user_id=user_id)


def _locked_idea(idea_id: int) -> Idea:
    idea = (
        Idea.objects.select_for_update(of=("self",))
        .select_related("challenge")
        .filter(pk=idea_id)
        .first()
    )
    if idea is None:
        raise NotFound(_("This idea does not exist."))
    return idea


def cast_vote(*, user: User, idea: Idea, now: datetime | None = None) -> Idea:
    """Support an idea: once per person, within the budget, during the voting phase.

    The voter's budget row is locked first, so the budget check and the new vote happen in
    one serialised step; the idea row is then locked so a concurrent merge or hide cannot
    interleave. The unique constraint on (idea, user) is the last line of defence.
    """
    challenge = idea.challenge
    if not can_view_challenge(user, challenge) or not challenge.live:
        raise NotFound(_("This idea does not exist."))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            _lock_budget(challenge.pk, user.pk)
            idea = _locked_idea(idea.pk)
            challenge = idea.challenge
            if idea.hidden_at or idea.merged_into_id:
                raise Conflict(_("This idea no longer takes votes."))
            if idea.is_decided:
                raise Conflict(_("The challenge owner has answered this idea: it takes no more support."))
            if not challenge.accepts_votes(now):
                raise Conflict(_("Voting is not open in this challenge."))
            mine = Vote.objects.filter(challenge=challenge, user=user)
            if mine.filter(idea=idea).exists():
                raise Conflict(_("You already support this idea."))
            if challenge.votes_per_person is not None and (
                mine.count() >= challenge.votes_per_person
            ):
                raise Conflict(_("You have used all your votes in this challenge."))
            Vote.objects.create(idea=idea, user=user, challenge=challenge)
            Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") + 1)
    except IntegrityError as duplicate:
        raise Conflict(_("You already support this idea.")) from duplicate
    idea.refresh_from_db(fields=["vote_count"])
    return idea


def withdraw_vote(*, user: User, idea: Idea, now: datetime | None = None) -> Idea:
    """Take a vote back, when the challenge allows it and voting is still open."""
    challenge = idea.challenge
    if not can_view_challenge(user, challenge) or not challenge.live:
        raise NotFound(_("This idea does not exist."))
    if not challenge.votes_can_be_withdrawn:
        raise NotAllowed(_("Votes cannot be taken back in this challenge."))
    now = now or timezone.now()
    with transaction.atomic():
        _lock_budget(challenge.pk, user.pk)
        idea = _locked_idea(idea.pk)
        if not idea.challenge.accepts_votes(now):
            raise Conflict(_("Voting is not open in this challenge."))
        deleted, _details = Vote.objects.filter(idea=idea, user=user).delete()
        if not deleted:
            raise Conflict(_("You do not support this idea."))
        Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") - 1)
    idea.refresh_from_db(fields=["vote_count"])
    return idea
