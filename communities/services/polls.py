"""Polls on posts: attach one when composing, cast one ballot per person.

One vote per person, and no change after voting: the page says so before the vote. A ballot
is exact under concurrency: the poll row is locked (`select_for_update`) for the whole
ballot, the unique (poll, user) row refuses a second one, and the counters move with F().
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Poll, PollBallot, PollChoice, PollVote, Post
from communities.selectors.access import can_read
from core.conversations.errors import Conflict, Invalid, NotFound

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MIN_ANSWERS, MAX_ANSWERS = 2, 10


@dataclass(frozen=True)
class PollSpec:
    """A poll as the composer or the API describes it, before it is stored."""

    question: str
    answers: list[str] = field(default_factory=list)
    multiple: bool = False
    closes_at: datetime | None = None


def clean_poll(spec: PollSpec) -> PollSpec:
    """A question, 2 to 10 distinct answers, and a closing date in the future (or none)."""
    question = " ".join((spec.question or "").split())
    if not question:
        raise Invalid(_("Write the poll's question."))
    if len(question) > 300:
        raise Invalid(_("The poll's question is too long (300 characters at most)."))
    answers: list[str] = []
    for answer in spec.answers:
        answer = " ".join((answer or "").split())
        if len(answer) > 200:
            raise Invalid(_("A poll answer is too long (200 characters at most)."))
        if answer and answer.lower() not in {known.lower() for known in answers}:
            answers.append(answer)
    if not MIN_ANSWERS <= len(answers) <= MAX_ANSWERS:
        raise Invalid(
            _("A poll has between %(min)s and %(max)s different answers.")
            % {"min": MIN_ANSWERS, "max": MAX_ANSWERS}
        )
    if spec.closes_at is not None and spec.closes_at <= timezone.now():
        raise Invalid(_("The poll's closing date must be in the future."))
    return PollSpec(question, answers, bool(spec.multiple), spec.closes_at)


def attach_poll(post: Post, spec: PollSpec) -> Poll:
    """Store the poll of a post being published (inside its transaction)."""
    spec = clean_poll(spec)
    poll = Poll.objects.create(
        post=post, question=spec.question, multiple=spec.multiple, closes_at=spec.closes_at
    )
    PollChoice.objects.bulk_create(
        PollChoice(poll=poll, label=label, position=position)
        for position, label in enumerate(spec.answers)
    )
    return poll


def cast_poll_vote(*, poll: Poll, user: User, choice_ids: Iterable[int]) -> PollBallot:
    """A reader of the community votes once: one answer, or several if the poll allows.

    Refused when the person may not read the post (NotFound), the poll is closed or they
    have voted already (Conflict), or the answers are not the poll's (Invalid).
    """
    post = poll.post
    if (
        not can_read(user, post.community)
        or post.hidden_at is not None
        or post.publish_at > timezone.now()
    ):
        raise NotFound(_("This poll does not exist."))
    chosen = sorted({int(pk) for pk in choice_ids})
    if not chosen:
        raise Invalid(_("Choose an answer."))
    try:
        with transaction.atomic():
            locked = Poll.objects.select_for_update().get(pk=poll.pk)
            if locked.is_closed:
                raise Conflict(_("This poll is closed."))
            if PollBallot.objects.filter(poll=locked, user=user).exists():
                raise Conflict(_("You have already voted in this poll; a vote cannot be changed."))
            if not locked.multiple and len(chosen) > 1:
                raise Invalid(_("Choose only one answer."))
            known = set(
                PollChoice.objects.filter(poll=locked, pk__in=chosen).values_list("pk", flat=True)
            )
            if known != set(chosen):
                raise Invalid(_("This answer is not one of the poll's."))
            ballot = PollBallot.objects.create(poll=locked, user=user)
            PollVote.objects.bulk_create(PollVote(ballot=ballot, choice_id=pk) for pk in chosen)
            PollChoice.objects.filter(pk__in=chosen).update(vote_count=F("vote_count") + 1)
            Poll.objects.filter(pk=locked.pk).update(ballot_count=F("ballot_count") + 1)
    except IntegrityError as twice:  # the unique ballot, should a lock ever be bypassed
        raise Conflict(_("You have already voted in this poll; a vote cannot be changed.")) from twice
    return ballot
