"""What the home page's "to do" list needs from ideas: co-authorships waiting for my answer,
and, for challenge owners, ideas still waiting for theirs. One query each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q

from ideas.models import ChallengePage, CoAuthorInvitation, Status

from .access import ideas_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def pending_co_authorships(user: User, *, limit: int = 5) -> list[CoAuthorInvitation]:
    """Invitations to co-author an idea I may still see, that I have not answered, newest first."""
    return list(
        CoAuthorInvitation.objects.filter(
            person=user,
            status=CoAuthorInvitation.State.PENDING,
            idea__in=ideas_visible_to(user).values("pk"),
        )
        .select_related("idea")
        .order_by("-created_at", "-pk")[:limit]
    )


def ideas_awaiting_my_answer(user: User, *, limit: int = 5) -> list[dict[str, Any]]:
    """The live challenges I run with ideas nobody has answered yet (still "submitted", not
    hidden nor merged), with how many, the most waiting first."""
    waiting = Q(
        ideas__status=Status.SUBMITTED,
        ideas__hidden_at__isnull=True,
        ideas__merged_into__isnull=True,
    )
    rows = (
        ChallengePage.objects.live()
        .filter(challenge_owner=user)
        .annotate(waiting=Count("ideas", filter=waiting))
        .filter(waiting__gt=0)
        .order_by("-waiting", "pk")[:limit]
    )
    return [{"challenge": row, "waiting": row.waiting} for row in rows]
