"""Co-authors by consent: named people are invited, and named only once they accept."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.models import CoAuthorInvitation, Follow, Idea
from ideas.selectors import idea_for

from .errors import NotFound
from .notify import notify_later

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def invite_co_authors(*, idea: Idea, user_ids: Iterable[int], invited_by: User) -> list[int]:
    """Invite these people to co-author `idea` (call inside the caller's transaction).

    The author, current co-authors and anyone already invited (whatever they answered) are
    left out, so nobody is asked twice. Each invitee gets a notice. Returns the invited ids.
    """
    wanted = {int(pk) for pk in user_ids} - {idea.author_id}
    already = set(
        CoAuthorInvitation.objects.filter(idea=idea, person_id__in=wanted).values_list(
            "person_id", flat=True
        )
    ) | set(idea.co_authors.filter(pk__in=wanted).values_list("pk", flat=True))
    new = sorted(wanted - already)
    CoAuthorInvitation.objects.bulk_create(
        [CoAuthorInvitation(idea=idea, person_id=pk, invited_by=invited_by) for pk in new],
        ignore_conflicts=True,
    )
    for pk in new:
        notify_later(
            f"co-author-invited:{idea.pk}-{pk}",
            idea_id=idea.pk,
            actor_id=getattr(invited_by, "pk", None),
        )
    return new


def _pending_invitation(user: User, idea: Idea) -> CoAuthorInvitation:
    if idea_for(user, idea.pk) is None:
        raise NotFound(_("This invitation does not exist."))
    invitation = (
        CoAuthorInvitation.objects.select_for_update()
        .filter(idea_id=idea.pk, person=user, status=CoAuthorInvitation.State.PENDING)
        .first()
    )
    if invitation is None:
        raise NotFound(_("This invitation does not exist."))
    return invitation


def _answer_invitation(user: User, idea: Idea, status: str) -> CoAuthorInvitation:
    """Record the invited person's answer; the caller is inside its transaction."""
    invitation = _pending_invitation(user, idea)
    invitation.status = status
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    return invitation


def accept_co_authorship(*, user: User, idea: Idea) -> CoAuthorInvitation:
    """The invited person agrees: from now on they are named as co-author and follow it."""
    with transaction.atomic():
        invitation = _answer_invitation(user, idea, CoAuthorInvitation.State.ACCEPTED)
        idea.co_authors.add(user)
        Follow.objects.get_or_create(user=user, idea=idea)
    return invitation


def decline_co_authorship(*, user: User, idea: Idea) -> CoAuthorInvitation:
    """The invited person says no: they are never named, and never asked again."""
    with transaction.atomic():
        invitation = _answer_invitation(user, idea, CoAuthorInvitation.State.DECLINED)
        idea.co_authors.remove(user)
    return invitation
