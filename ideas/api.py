"""The ideas API under /api/ideas/: same rules and errors as the pages (services decide).

Mounted in `intranet/urls.py` with `api.add_router("/ideas/", "ideas.api.router")`.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import SessionAuth

from core.api import ERRORS, TokenAuth
from core.ratelimits import check_api_rate
from core.text import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from ideas import services
from ideas.models import ChallengePage, Idea
from ideas.selectors import (
    accepted_co_author_names,
    can_see_author,
    challenges_visible_to,
    idea_for,
    ideas_of_challenge,
    voted_idea_ids,
    votes_left,
    votes_used_by,
)

# The token is tried before the session: ninja's SessionAuth refuses any POST without a CSRF
# token before the next method is tried, which would lock bots with a token out of writes.
# Session users still need the CSRF token; a bearer token is no ambient credential.
router = Router(tags=["ideas"], auth=[TokenAuth(), SessionAuth()])


class ChallengeOut(Schema):
    id: int
    title: str
    url: str
    phase: str
    opens_at: datetime
    closes_at: datetime
    accepts_ideas: bool
    accepts_votes: bool
    votes_per_person: int | None
    votes_left: int | None
    votes_can_be_withdrawn: bool
    allow_anonymous_ideas: bool


class IdeaOut(Schema):
    id: int
    challenge_id: int
    title: str
    url: str
    status: str
    votes: int
    comments: int
    author: str | None = Field(description="null for an anonymous idea")
    anonymous: bool
    tags: list[str]
    created_at: datetime
    voted: bool


class HistoryOut(Schema):
    from_status: str
    to_status: str
    message: str
    created_at: datetime


class IdeaDetailOut(IdeaOut):
    description: str = Field(description="sanitised HTML")
    co_authors: list[str] = Field(
        description="co-authors who accepted; empty when the author is not shown (anonymous)"
    )
    merged_into: int | None
    history: list[HistoryOut]


class IdeaIn(Schema):
    title: str = Field(max_length=TITLE_MAX_LENGTH)
    description: str = Field(max_length=DESCRIPTION_MAX_LENGTH, description="plain text")
    tags: list[str] = []
    co_authors: list[str] = Field(default=[], description="usernames of colleagues")
    anonymous: bool = False


class VoteOut(Schema):
    idea_id: int
    votes: int
    voted: bool
    votes_left: int | None


def _raise(refusal: services.IdeasError):
    raise HttpError(refusal.status, refusal.message) from refusal


def _challenge(request, challenge_id: int) -> ChallengePage:
    challenge = challenges_visible_to(request.user).filter(pk=challenge_id).first()
    if challenge is None:
        raise HttpError(404, "Not found.")
    return challenge


def _idea(request, idea_id: int) -> Idea:
    idea = idea_for(request.user, idea_id)
    if idea is None:
        raise HttpError(404, "Not found.")
    return idea


def _idea_out(idea: Idea, user, voted: set[int]) -> dict:
    name = None
    if can_see_author(user, idea):
        name = idea.author.get_full_name() or idea.author.get_username()
    return {
        "id": idea.pk,
        "challenge_id": idea.challenge_id,
        "title": idea.title,
        "url": idea.get_absolute_url(),
        "status": idea.status,
        "votes": idea.vote_count,
        "comments": idea.comment_count,
        "author": name,
        "anonymous": idea.anonymous,
        "tags": sorted(tag.name for tag in idea.tags.all()),
        "created_at": idea.created_at,
        "voted": idea.pk in voted,
    }


@router.get(
    "/challenges/",
    response={200: list[ChallengeOut], **ERRORS},
    summary="Challenges I can take part in",
)
def list_challenges(request):
    challenges = list(challenges_visible_to(request.user).order_by("-opens_at"))
    used = votes_used_by(request.user, [challenge.pk for challenge in challenges])
    return [
        {
            "id": challenge.pk,
            "title": challenge.title,
            "url": challenge.url,
            "phase": challenge.phase(),
            "opens_at": challenge.opens_at,
            "closes_at": challenge.closes_at,
            "accepts_ideas": challenge.accepts_ideas(),
            "accepts_votes": challenge.accepts_votes(),
            "votes_per_person": challenge.votes_per_person,
            "votes_left": votes_left(request.user, challenge, used.get(challenge.pk, 0)),
            "votes_can_be_withdrawn": challenge.votes_can_be_withdrawn,
            "allow_anonymous_ideas": challenge.allow_anonymous_ideas,
        }
        for challenge in challenges
    ]


@router.get(
    "/challenges/{challenge_id}/ideas/",
    response={200: list[IdeaOut], **ERRORS},
    summary="A challenge's ideas",
)
def list_ideas(
    request,
    challenge_id: int,
    order: str = "top",
    page: int = Query(1, ge=1, le=1000),
    page_size: int = Query(50, ge=1, le=100),
):
    challenge = _challenge(request, challenge_id)
    start = (page - 1) * page_size
    ideas = ideas_of_challenge(challenge, request.user, order)[start : start + page_size]
    voted = voted_idea_ids(request.user, challenge)
    rows = []
    for idea in ideas:
        idea.challenge = challenge  # already loaded: no query per idea
        rows.append(_idea_out(idea, request.user, voted))
    return rows


@router.post(
    "/challenges/{challenge_id}/ideas/",
    response={201: IdeaOut, **ERRORS},
    summary="Submit an idea",
)
def submit_idea(request, challenge_id: int, payload: IdeaIn):
    check_api_rate(request, "idea")
    challenge = _challenge(request, challenge_id)
    names = [name.strip() for name in payload.co_authors if name.strip()]
    found = dict(
        get_user_model()
        .objects.filter(username__in=names, is_active=True)
        .values_list("username", "pk")
    )
    unknown = sorted(set(names) - set(found))
    if unknown:
        raise HttpError(400, f"Unknown colleague: {', '.join(unknown)}")
    try:
        idea = services.submit_idea(
            user=request.user,
            challenge=challenge,
            title=payload.title,
            description=payload.description,
            tags=payload.tags,
            co_author_ids=found.values(),
            anonymous=payload.anonymous,
        )
    except services.IdeasError as refusal:
        _raise(refusal)
    return Status(201, _idea_out(idea, request.user, set()))


@router.get(
    "/{idea_id}/", response={200: IdeaDetailOut, **ERRORS}, summary="One idea with its answers"
)
def read_idea(request, idea_id: int):
    idea = _idea(request, idea_id)
    voted = voted_idea_ids(request.user, idea.challenge)
    return {
        **_idea_out(idea, request.user, voted),
        "description": idea.description,
        "co_authors": accepted_co_author_names(idea, request.user),
        "merged_into": idea.merged_into_id,
        "history": list(
            idea.status_changes.values("from_status", "to_status", "message", "created_at")
        ),
    }


def _vote_out(idea: Idea, user, *, voted: bool) -> dict:
    return {
        "idea_id": idea.pk,
        "votes": idea.vote_count,
        "voted": voted,
        "votes_left": votes_left(user, idea.challenge),
    }


@router.post("/{idea_id}/vote/", response={200: VoteOut, **ERRORS}, summary="Support an idea")
def vote(request, idea_id: int):
    check_api_rate(request, "vote")
    idea = _idea(request, idea_id)
    try:
        idea = services.cast_vote(user=request.user, idea=idea)
    except services.IdeasError as refusal:
        _raise(refusal)
    return _vote_out(idea, request.user, voted=True)


@router.delete("/{idea_id}/vote/", response={200: VoteOut, **ERRORS}, summary="Take a vote back")
def take_back_vote(request, idea_id: int):
    check_api_rate(request, "vote")
    idea = _idea(request, idea_id)
    try:
        idea = services.withdraw_vote(user=request.user, idea=idea)
    except services.IdeasError as refusal:
        _raise(refusal)
    return _vote_out(idea, request.user, voted=False)
