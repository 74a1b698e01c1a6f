"""The communities API under /api/communities/: the same rules and errors as the pages.

Mounted in `intranet/urls.py` with `api.add_router("/communities/", "communities.api.router")`.
Other areas add their endpoints in their own modules (posts, events).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import SessionAuth

from communities.models import Community
from communities.selectors.access import can_read, role_in
from communities.selectors.communities import directory, pending_request, visible_community
from communities.services import membership as services
from core.api import ERRORS, TokenAuth
from core.conversations.errors import ConversationError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The token first: ninja's SessionAuth refuses a POST without a CSRF token before trying the
# next method, which would lock bots with a token out of writes.
router = Router(tags=["communities"], auth=[TokenAuth(), SessionAuth()])


class CommunityOut(Schema):
    slug: str
    name: str
    url: str
    description: str
    visibility: str = Field(description="open, closed or secret")
    tags: list[str]
    members: int
    created_at: datetime


class CommunityDetailOut(CommunityOut):
    readable: bool = Field(description="whether I may read its posts, events and members")
    role: str | None = Field(description="member, animator, or null when I am not a member")
    request_pending: bool = Field(description="I asked to join and wait for an answer")


class CommunityPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[CommunityOut]


class MembershipOut(Schema):
    slug: str
    status: str = Field(description="joined, already (a member before), requested, pending, left")
    role: str | None


def _out(community: Community) -> dict:
    return {
        "slug": community.slug,
        "name": community.name,
        "url": community.get_absolute_url(),
        "description": community.description,
        "visibility": community.visibility,
        "tags": sorted(tag.name for tag in community.tags.all()),
        "members": community.member_count,  # type: ignore[attr-defined]
        "created_at": community.created_at,
    }


def _community(request: HttpRequest, slug: str) -> Community:
    community = visible_community(request.user, slug)
    if community is None:
        raise HttpError(404, "Not found.")
    return community


def _refused(refusal: ConversationError):
    raise HttpError(refusal.status, refusal.message) from refusal


@router.get("/", response={200: CommunityPage, **ERRORS}, summary="Communities I may know of")
def list_communities(
    request: HttpRequest,
    mine: bool = False,
    q: str = Query("", max_length=100),
    page: int = Query(1, ge=1, le=1000),
    page_size: int = Query(20, ge=1, le=100),
):
    found = directory(request.user, text=q, mine=mine)
    start = (page - 1) * page_size
    return {
        "count": found.count(),
        "page": page,
        "page_size": page_size,
        "results": [_out(community) for community in found[start : start + page_size]],
    }


@router.get("/{slug}/", response={200: CommunityDetailOut, **ERRORS}, summary="One community")
def read_community(request: HttpRequest, slug: str):
    community = _community(request, slug)
    role = role_in(request.user, community)
    return {
        **_out(community),
        "readable": can_read(request.user, community),
        "role": role,
        "request_pending": role is None and pending_request(request.user, community) is not None,
    }


@router.post(
    "/{slug}/join/",
    response={200: MembershipOut, **ERRORS},
    summary="Join an open community, or ask to join a closed one",
)
def join(request: HttpRequest, slug: str):
    community = _community(request, slug)
    try:
        outcome = services.join_community(user=cast("User", request.user), community=community)
    except ConversationError as refusal:
        _refused(refusal)
    membership = outcome.membership
    return {
        "slug": community.slug,
        "status": outcome.status,
        "role": membership.role if membership else None,
    }


@router.post("/{slug}/leave/", response={200: MembershipOut, **ERRORS}, summary="Leave a community")
def leave(request: HttpRequest, slug: str):
    community = _community(request, slug)
    try:
        services.leave_community(user=cast("User", request.user), community=community)
    except ConversationError as refusal:
        _refused(refusal)
    return {"slug": community.slug, "status": "left", "role": None}
