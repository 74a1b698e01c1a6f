"""Reads behind the challenge and idea pages, with a constant number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from core.conversations.models import Comment
from core.conversations.selectors import THREADS_PER_PAGE, thread_context, thread_page_number
from core.images import with_renditions
from ideas.models import (
    ChallengePage,
    CoAuthorInvitation,
    Follow,
    Idea,
    IdeaTag,
    StatusChange,
    Vote,
)

from .access import (
    can_manage_challenge,
    can_see_author,
    can_see_hidden,
    challenges_visible_to,
    is_moderator,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from wagtail.query import PageQuerySet

IDEAS_PER_PAGE = 20
CONVERSATIONS_PER_PAGE = THREADS_PER_PAGE  # core.conversations pages the threads
ORDERS = {"top": ("-vote_count", "-created_at", "-pk"), "new": ("-created_at", "-pk")}


def hub_challenges(user: User | AnonymousUser) -> PageQuerySet:
    """The challenges the hub lists to this user, newest first, with their card covers (one
    query for every rendition of the list) and their audiences (one more: a restricted
    challenge's cover is served through `core.cover_access`)."""
    challenges: PageQuerySet = (
        with_renditions(challenges_visible_to(user), "cover_image", "card")
        .prefetch_related("audience")
        .order_by("-opens_at")
    )
    return challenges


def open_challenges_for(user: User | AnonymousUser, *, limit: int = 5) -> list[ChallengePage]:
    """Challenges this user may take part in now (submission or voting), soonest closing first."""
    now = timezone.now()
    candidates = challenges_visible_to(user).filter(opens_at__lte=now, closes_at__gt=now)
    return [challenge for challenge in candidates.order_by("closes_at") if challenge.is_open][
        :limit
    ]


def ideas_of_challenge(
    challenge: ChallengePage, user: User | AnonymousUser, order: str | None = None
) -> QuerySet[Idea]:
    """The challenge's ideas as a list shows them: authors and tags fetched up front."""
    queryset = Idea.objects.filter(challenge=challenge, merged_into__isnull=True)
    if not can_see_hidden(user, challenge):
        queryset = queryset.filter(hidden_at__isnull=True)
    return (
        queryset.select_related("author")  # type: ignore[misc]  # taggit's `tags` prefetches
        .prefetch_related("tags")
        .annotate(official_answer=latest_answer_message())
        .order_by(*ORDERS.get(order or "top", ORDERS["top"]))
    )


def latest_answer_message() -> Subquery:
    """The owner's newest public answer to each idea, for a list to show beside its status
    (a subquery: no query per idea)."""
    answers = StatusChange.objects.filter(idea=OuterRef("pk")).order_by("-created_at", "-pk")
    return Subquery(answers.values("message")[:1])


def workshop_idea_choices(challenge: ChallengePage) -> QuerySet[Idea]:
    """The ideas an event (a workshop) of this challenge may work on: its visible ones, by
    title."""
    return Idea.objects.visible().filter(challenge=challenge).order_by("title", "pk")


def voted_idea_ids(user: User, challenge: ChallengePage) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Vote.objects.filter(challenge=challenge, user=user).values_list("idea_id", flat=True)
    )


def votes_used_by(user: User, challenge_ids: list[int]) -> dict[int, int]:
    """How many votes this user has cast in each challenge, in one query."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return dict(
        Vote.objects.filter(user=user, challenge_id__in=challenge_ids)
        .values_list("challenge_id")
        .annotate(n=Count("pk"))
    )


def votes_left(user: User, challenge: ChallengePage, used: int | None = None) -> int | None:
    """None when the budget is unlimited."""
    if challenge.votes_per_person is None:
        return None
    if used is None:
        used = Vote.objects.filter(challenge=challenge, user=user).count()
    left: int = max(challenge.votes_per_person - used, 0)
    return left


def author_label(idea: Idea, viewer: User | AnonymousUser) -> str:
    if not can_see_author(viewer, idea):
        return gettext("Anonymous")
    name = idea.author.get_full_name() or idea.author.get_username()
    return f"{name} ({gettext('anonymous')})" if idea.anonymous else name


def tag_names_by_idea(idea_ids: list[int]) -> dict[int, list[str]]:
    """Each idea's tag names, sorted, in one query.

    For long lists: taggit's prefetch builds a manager and a queryset per idea, which cost
    more than the query itself on a challenge of a hundred ideas.
    """
    names: dict[int, list[str]] = {}
    rows = IdeaTag.objects.filter(content_object_id__in=idea_ids).order_by("tag__name")
    for idea_id, name in rows.values_list("content_object_id", "tag__name"):
        names.setdefault(idea_id, []).append(name)
    return names


def challenge_page_context(
    challenge: ChallengePage,
    user: User,
    order: str | None,
    page_number: str | None = None,
) -> dict[str, Any]:
    """The challenge page: one page of its ideas (IDEAS_PER_PAGE), so that a challenge of a
    thousand ideas costs what a challenge of twenty does."""
    order = order if order in ORDERS else "top"
    paginator = Paginator(
        ideas_of_challenge(challenge, user, order).prefetch_related(None), IDEAS_PER_PAGE
    )
    page_obj = paginator.get_page(page_number)
    ideas = list(page_obj.object_list)
    voted = voted_idea_ids(user, challenge)
    tag_names = tag_names_by_idea([idea.pk for idea in ideas])
    for idea in ideas:
        idea.challenge = challenge  # already loaded: no query per idea
        idea.tag_names = tag_names.get(idea.pk, [])
        idea.author_display = author_label(idea, user)
        idea.voted = idea.pk in voted
    return {
        "ideas": ideas,
        "ideas_page": page_obj,
        "idea_count": paginator.count,
        "order": order,
        "votes_left": votes_left(user, challenge, len(voted)),
        "can_manage": can_manage_challenge(user, challenge),
        "is_moderator": is_moderator(user),
        "accepts_ideas": challenge.accepts_ideas(),
        "accepts_votes": challenge.accepts_votes(),
        "following": getattr(user, "is_authenticated", False)
        and Follow.objects.filter(user=user, challenge=challenge).exists(),
    }


def accepted_co_author_names(idea: Idea, viewer: User | AnonymousUser) -> list[str]:
    """The names shown as co-authors: accepted ones only, none where the author is hidden."""
    if not can_see_author(viewer, idea):
        return []
    return [person.get_full_name() or person.get_username() for person in idea.co_authors.all()]


def co_authorship_for(idea: Idea, user: User | AnonymousUser) -> dict[str, Any]:
    """What the idea page says about invitations: this reader's own pending invitation (to
    accept or decline), and, for the author, the people who have not answered yet."""
    invitations = CoAuthorInvitation.objects.filter(
        idea=idea, status=CoAuthorInvitation.State.PENDING
    ).select_related("person")
    if getattr(user, "pk", None) != idea.author_id:
        return {"my_invitation": invitations.filter(person_id=user.pk).first(), "pending": []}
    return {"my_invitation": None, "pending": [invitation.person for invitation in invitations]}


def comment_page_number(comment: Comment, idea: Idea, user: User | AnonymousUser) -> int:
    """Which page of the idea page shows this comment's conversation."""
    return thread_page_number(comment, idea, user)


def idea_detail(idea: Idea, user: User, page_number: str | int | None = None) -> dict[str, Any]:
    """Everything the idea page shows, in a fixed number of queries: one page of
    conversations (CONVERSATIONS_PER_PAGE, newest first), each with its replies in order."""
    challenge = idea.challenge
    comments_open = challenge.phase() != "closed"
    conversation = thread_context(idea, user, page_number, can_reply=comments_open)
    history = StatusChange.objects.filter(idea=idea).select_related("author")
    idea.author_display = author_label(idea, user)
    return {
        **co_authorship_for(idea, user),
        "idea": idea,
        "challenge": challenge,
        "co_authors": list(idea.co_authors.all()) if can_see_author(user, idea) else [],
        "tags": list(idea.tags.all()),
        "conversation": conversation,
        "comments": conversation.threads,
        "history": list(history),
        "merged_ideas": list(idea.merged_ideas.all()),
        "voted": Vote.objects.filter(idea=idea, user=user).exists(),
        "votes_left": votes_left(user, challenge),
        "following": Follow.objects.filter(user=user, idea=idea).exists(),
        "can_manage": can_manage_challenge(user, challenge),
        "is_moderator": is_moderator(user),
        "accepts_votes": challenge.accepts_votes(),
        "comments_open": comments_open,
    }
