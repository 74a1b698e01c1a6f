"""Merging duplicate ideas into one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from ideas.models import CoAuthorInvitation, Follow, Idea, Vote
from ideas.selectors import can_manage_challenge, can_view_challenge

from .coauthors import invite_co_authors
from .errors import Conflict, Invalid, NotAllowed, NotFound
from .notify import notify_later

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def merge_ideas(*, user: User, target: Idea, sources: Sequence[Idea]) -> Idea:
    """The owner folds duplicates into `target`.

    Votes move to the target without counting anyone twice (a person who supported several
    of them keeps one vote, which gives the others back to their budget); the authors and
    co-authors of the duplicates are invited to co-author it (never those of an anonymous
    idea, who stay unnamed wherever it goes);
    followers follow the target; each duplicate links to it. Every idea row involved is
    locked, so concurrent votes wait and then see the merge.
    """
    challenge = target.challenge
    if not can_view_challenge(user, challenge):
        raise NotFound(_("This idea does not exist."))
    if not can_manage_challenge(user, challenge):
        raise NotAllowed(_("Only the challenge owner can merge ideas."))
    source_ids = sorted({idea.pk for idea in sources} - {target.pk})
    if not source_ids:
        raise Invalid(_("Choose at least one other idea to merge."))
    with transaction.atomic():
        locked = list(
            Idea.objects.select_for_update()
            .filter(pk__in=[target.pk, *source_ids])
            .order_by("pk")
        )
        by_id = {idea.pk: idea for idea in locked}
        found = by_id.get(target.pk)
        duplicates = [by_id[pk] for pk in source_ids if pk in by_id]
        if found is None or len(duplicates) != len(source_ids):
            raise NotFound(_("This idea does not exist."))
        target = found
        if any(idea.challenge_id != target.challenge_id for idea in duplicates):
            raise Invalid(_("Only ideas of the same challenge can be merged."))
        if target.merged_into_id or any(idea.merged_into_id for idea in duplicates):
            raise Conflict(_("One of these ideas was already merged."))

        supporters = set(Vote.objects.filter(idea=target).values_list("user_id", flat=True))
        for vote in Vote.objects.filter(idea_id__in=source_ids).order_by("created_at", "pk"):
            if vote.user_id in supporters:
                vote.delete()
            else:
                supporters.add(vote.user_id)
                Vote.objects.filter(pk=vote.pk).update(idea=target)

        credited = set()
        for duplicate in duplicates:
            if duplicate.anonymous:  # its author and co-authors stay unnamed, wherever it goes
                continue
            credited.add(duplicate.author_id)
            credited |= set(duplicate.co_authors.values_list("pk", flat=True))
            credited |= set(
                CoAuthorInvitation.objects.filter(
                    idea=duplicate, status=CoAuthorInvitation.State.PENDING
                ).values_list("person_id", flat=True)
            )
        # Named on someone else's idea only if they agree: they are invited, like anyone.
        invite_co_authors(idea=target, user_ids=credited, invited_by=user)

        followers = set(
            Follow.objects.filter(idea_id__in=source_ids).values_list("user_id", flat=True)
        ) - set(Follow.objects.filter(idea=target).values_list("user_id", flat=True))
        Follow.objects.bulk_create(
            [Follow(user_id=pk, idea=target) for pk in followers], ignore_conflicts=True
        )

        for duplicate in duplicates:  # saved one by one so their search entries are dropped
            duplicate.merged_into, duplicate.vote_count = target, 0
            duplicate.save(update_fields=["merged_into", "vote_count", "updated_at"])
        target.vote_count = Vote.objects.filter(idea=target).count()
        target.save(update_fields=["vote_count", "updated_at"])
        notify_later(
            f"merged:{target.pk}:{'-'.join(map(str, source_ids))}",
            idea_id=target.pk,
            actor_id=user.pk,
        )
    return target
