"""Who may see and manage what: the one place for the audience rule of challenges.

A challenge with an audience is visible only to members of those teams (and of their
sub-teams), to its owner and to moderators; everyone else cannot see it anywhere: pages,
lists, API, search documents, exports and emails all go through these functions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet

from core.permission_cache import in_group
from ideas.models import ChallengePage, Idea
from people.models import Profile
from people.selectors import audience_team_ids_for_user, team_descendant_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from wagtail.query import PageQuerySet

MODERATORS_GROUP = "Moderators"


def is_moderator(user: User | AnonymousUser) -> bool:
    """Superusers, holders of `ideas.moderate_idea` and members of the Moderators group."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached: bool | None = getattr(user, "_ruche_ideas_moderator", None)
    if cached is None:
        cached = (
            user.is_superuser
            or user.has_perm("ideas.moderate_idea")
            or in_group(user, MODERATORS_GROUP)
        )
        cast(Any, user)._ruche_ideas_moderator = cached
    return cached


def can_manage_challenge(user: User | AnonymousUser, challenge: ChallengePage) -> bool:
    """The challenge owner and administrators answer, merge, export and run workshops."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or challenge.challenge_owner_id == user.pk


def challenge_audience_ids(challenge: ChallengePage) -> list[int]:
    """The audience's team ids; empty means every employee."""
    if challenge.pk is None:
        return []
    cache = getattr(challenge, "_ruche_audience_ids", None)
    prefetched = getattr(challenge, "_prefetched_objects_cache", {})
    if cache is None and "audience" in prefetched:
        cache = challenge._ruche_audience_ids = sorted(team.pk for team in prefetched["audience"])
    if cache is None:
        through = ChallengePage.audience.through
        cache = sorted(
            through.objects.filter(challengepage_id=challenge.pk).values_list("team_id", flat=True)
        )
        challenge._ruche_audience_ids = cache
    return cache


def can_view_challenge(user: User | AnonymousUser, challenge: ChallengePage) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    audience = challenge_audience_ids(challenge)
    if not audience or can_manage_challenge(user, challenge):
        return True
    if set(audience) & set(audience_team_ids_for_user(user)):
        return True
    return is_moderator(user)


def challenges_visible_to(user: User | AnonymousUser) -> PageQuerySet:
    """Live challenges this user may see, as one query (no per-row audience check)."""
    queryset = ChallengePage.objects.live().select_related("challenge_owner")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if is_moderator(user):
        return queryset
    through = ChallengePage.audience.through
    restricted = through.objects.filter(challengepage_id=OuterRef("pk"))
    mine = restricted.filter(team_id__in=audience_team_ids_for_user(user))
    return queryset.filter(~Exists(restricted) | Exists(mine) | Q(challenge_owner=user))


def moderator_ids(user_ids: Iterable[int]) -> set[int]:
    """Of these users, the moderators (same rule as `is_moderator`), in one query."""
    permission = Permission.objects.filter(
        codename="moderate_idea", content_type__app_label="ideas"
    )
    return set(
        get_user_model()
        .objects.filter(pk__in=set(user_ids))
        .filter(
            Q(is_superuser=True)
            | Q(groups__name=MODERATORS_GROUP)
            | Q(user_permissions__in=permission)
            | Q(groups__permissions__in=permission)
        )
        .values_list("pk", flat=True)
    )


def users_in_audience(challenge: ChallengePage, user_ids: Iterable[int]) -> set[int]:
    """Of these users, the active ones who may see the challenge (for emails), in bulk."""
    active = set(
        get_user_model()
        .objects.filter(pk__in=set(user_ids), is_active=True)
        .values_list("pk", flat=True)
    )
    audience = challenge_audience_ids(challenge)
    if not audience or not active:
        return active
    reached_teams = team_descendant_ids(audience)
    members = set(
        Profile.objects.filter(user_id__in=active, team_id__in=reached_teams).values_list(
            "user_id", flat=True
        )
    )
    managers = {challenge.challenge_owner_id} & active
    return members | managers | moderator_ids(active - members - managers)


def can_see_hidden(user: User | AnonymousUser, challenge: ChallengePage) -> bool:
    return can_manage_challenge(user, challenge) or is_moderator(user)


def can_see_author(user: User | AnonymousUser, idea: Idea) -> bool:
    """An anonymous idea's author is known only to the owner, moderators and themselves."""
    if not idea.anonymous:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return idea.author_id == user.pk or can_see_hidden(user, idea.challenge)


def ideas_visible_to(user: User | AnonymousUser) -> QuerySet[Idea]:
    """Every idea of every challenge this user may see (hidden and merged ones excluded)."""
    return Idea.objects.visible().filter(challenge__in=challenges_visible_to(user).values("pk"))


def challenge_ids_visible_to(user: User | AnonymousUser, ids: Collection[int]) -> set[int]:
    """Of these challenge ids, the live challenges this user may see, in one query."""
    return set(challenges_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def idea_ids_visible_to(user: User | AnonymousUser, ids: set[int]) -> set[int]:
    """Of these idea ids, those this user may open (the rule of `idea_for`), in one query:
    in a live challenge they may see, and not hidden unless they wrote it or may see hidden
    ideas. Deleted ideas are simply not found."""
    ideas = Idea.objects.filter(pk__in=ids, challenge__in=challenges_visible_to(user).values("pk"))
    if not is_moderator(user):
        ideas = ideas.filter(
            Q(hidden_at__isnull=True) | Q(author=user) | Q(challenge__challenge_owner=user)
        )
    return set(ideas.values_list("pk", flat=True))


def idea_for(user: User | AnonymousUser, idea_id: int) -> Idea | None:
    """The idea if this user may read it, else None (to be answered as 'not found')."""
    idea = (
        Idea.objects.select_related("challenge", "author", "merged_into").filter(pk=idea_id).first()
    )
    if idea is None or not can_view_challenge(user, idea.challenge):
        return None
    if not idea.challenge.live:
        return None
    if idea.hidden_at and not (can_see_hidden(user, idea.challenge) or idea.author_id == user.pk):
        return None
    return idea
