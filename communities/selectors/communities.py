"""Reads of communities: the directory, "suggested for you", one community's page, its
members and requests, and the first page of its posts and upcoming events.

Everything starts from communities.selectors.access; each list costs a fixed number of
queries whatever its length (counts are annotations, tags are one prefetch).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from communities.models import (
    Community,
    CommunityTag,
    Follow,
    JoinRequest,
    Membership,
    Role,
)
from communities.selectors.access import (
    communities_visible_to,
    member_community_ids,
)
from core.images import with_renditions
from people.models import Profile, SkillTag

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from communities.selectors.access import Someone

DIRECTORY_PAGE_SIZE = 24
SUGGESTIONS = 6
MEMBERS_PAGE_SIZE = 50


def _with_counts(communities: QuerySet[Community]) -> QuerySet[Community]:
    return communities.annotate(member_count=Count("memberships", distinct=True))


def directory(user: Someone, *, text: str = "", mine: bool = False) -> QuerySet[Community]:
    """Communities this person may know of, matching `text` in their name, description or
    tags (a database search), only theirs with `mine`; largest first, then by name."""
    communities = communities_visible_to(user)
    if mine:
        communities = communities.filter(pk__in=member_community_ids(user))
    words = text.split()[:5]
    for word in words:
        tagged = CommunityTag.objects.filter(
            content_object=OuterRef("pk"), tag__name__icontains=word
        )
        communities = communities.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Exists(tagged)
        )
    return (
        with_renditions(_with_counts(communities), "cover", "card")
        .prefetch_related("tags")  # type: ignore[misc]  # taggit's manager prefetches
        .order_by("-member_count", "name", "pk")
    )


def directory_page(user: Someone, page_number: Any = None, **filters: Any) -> Page[Community]:
    paginator: Paginator[Community] = Paginator(directory(user, **filters), DIRECTORY_PAGE_SIZE)
    return paginator.get_page(page_number)


def suggested_for(user: Someone, limit: int = SUGGESTIONS) -> list[Community]:
    """Communities I am not in, that I may know of, where people of my team are members,
    whose tags are among my skills or the tags I follow, or where people I follow are
    members: one query. Each carries why (`same_team`, `my_skills`, `people_i_follow`)."""
    if not getattr(user, "is_authenticated", False):
        return []
    me = int(user.pk or 0)
    members = Membership.objects.filter(community=OuterRef("pk"))
    my_team = Profile.objects.filter(user_id=me, team__isnull=False).values("team_id")
    same_team = Exists(members.filter(user__profile__team_id__in=my_team).exclude(user_id=me))
    my_tags = CommunityTag.objects.filter(content_object=OuterRef("pk")).filter(
        Q(tag__in=SkillTag.objects.filter(content_object__user_id=me).values("tag"))
        | Q(tag__name__in=Follow.objects.filter(user_id=me).exclude(tag="").values("tag"))
    )
    followed = Follow.objects.filter(user_id=me, person__isnull=False).values("person")
    people_i_follow = Exists(members.filter(user_id__in=followed))
    return list(
        _with_counts(communities_visible_to(user).exclude(pk__in=member_community_ids(user)))
        .annotate(same_team=same_team, my_skills=Exists(my_tags), people_i_follow=people_i_follow)
        .filter(Q(same_team=True) | Q(my_skills=True) | Q(people_i_follow=True))
        .order_by("-member_count", "name", "pk")[:limit]
    )


def visible_community(user: Someone, slug: str) -> Community | None:
    """The community at `slug` if this person may know it exists (else None: a 404)."""
    visible = _with_counts(communities_visible_to(user).filter(slug=slug))
    return with_renditions(visible, "cover", "hero").first()


def animators_of(community: Community) -> list[Membership]:
    return list(
        Membership.objects.filter(community=community, role=Role.ANIMATOR)
        .select_related("user", "user__profile")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def pending_request(user: Someone, community: Community) -> JoinRequest | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return JoinRequest.objects.filter(
        community=community, user_id=int(user.pk or 0), decided_at__isnull=True
    ).first()


def pending_requests(community: Community) -> list[JoinRequest]:
    """The requests waiting for an answer, oldest first (animators answer them)."""
    return list(
        JoinRequest.objects.filter(community=community, decided_at__isnull=True)
        .select_related("user", "user__profile")
        .order_by("created_at", "pk")
    )


def members_page(community: Community, page_number: Any = None) -> Page[Membership]:
    """Its members, animators first, then by name."""
    members = (
        Membership.objects.filter(community=community)
        .select_related("user", "user__profile", "user__profile__team")
        .order_by(
            F("role").asc(),  # "animator" < "member"
            "user__last_name",
            "user__first_name",
            "pk",
        )
    )
    paginator: Paginator[Membership] = Paginator(members, MEMBERS_PAGE_SIZE)
    return paginator.get_page(page_number)


def membership_of(user: User, community: Community) -> Membership | None:
    return Membership.objects.filter(community=community, user_id=user.pk).first()
