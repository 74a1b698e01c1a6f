"""The community posts API under /api/community-posts/: list a community's posts, read one
with its comments, publish, comment, vote in a poll. Same rules as the pages (access.py and
the services decide); errors are `{"error": ...}`.

Mounted in `intranet/urls.py` with `api.add_router("/community-posts/", ...)`, beside the
communities router (`/api/communities/`), so that neither's paths can shadow the other's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NoReturn

from django.core.paginator import Paginator
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import SessionAuth

from communities.models import Community, Post, PostKind
from communities.selectors.access import can_read
from communities.selectors.posts import community_posts, poll_state, post_for, post_poll
from communities.services.polls import PollSpec, cast_poll_vote
from communities.services.posts import publish_post
from core.api import ERRORS, TokenAuth
from core.conversations import services as conversations
from core.conversations.errors import ConversationError
from core.conversations.models import Comment
from core.conversations.selectors import threads
from core.ratelimits import check_api_rate
from core.richtext import plain_text
from core.text import COMMENT_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH

# Token first, as in ideas/api.py: SessionAuth refuses a POST without CSRF before the next.
router = Router(tags=["community posts"], auth=[TokenAuth(), SessionAuth()])


class ChoiceOut(Schema):
    id: int
    label: str
    votes: int | None = Field(description="null until you voted or the poll closed")
    percent: int | None
    mine: bool


class PollOut(Schema):
    question: str
    multiple: bool
    closes_at: datetime | None
    closed: bool
    voted: bool
    ballots: int
    choices: list[ChoiceOut]


class PostOut(Schema):
    id: int
    community: str = Field(description="the community's slug")
    kind: str
    title: str
    excerpt: str
    url: str
    author: str
    published_at: datetime
    edited_at: datetime | None
    pinned: bool
    comments: int
    accepted_answer_id: int | None
    tags: list[str]
    has_poll: bool


class CommentOut(Schema):
    id: int
    parent_id: int | None
    author: str
    body: str = Field(description="sanitised HTML")
    created_at: datetime
    hidden: bool
    accepted: bool
    replies: list[CommentOut] = []


class PostDetailOut(PostOut):
    body: str = Field(description="sanitised HTML")
    poll: PollOut | None
    attachments: list[str] = Field(description="download addresses, for the post's readers")
    comment_threads: list[CommentOut] = Field(description="newest first, with their replies")


class PollIn(Schema):
    question: str = Field(max_length=300)
    answers: list[str] = Field(min_length=2, max_length=10)
    multiple: bool = False
    closes_at: datetime | None = None


class PostIn(Schema):
    community: str = Field(max_length=140, description="the community's slug")
    kind: str = Field(PostKind.POST, pattern="^(post|question)$")
    title: str = Field("", max_length=TITLE_MAX_LENGTH)
    body: str = Field(max_length=DESCRIPTION_MAX_LENGTH, description="plain text or HTML")
    tags: list[str] = Field([], max_length=10)
    publish_at: datetime | None = Field(None, description="animators only: publish later")
    poll: PollIn | None = None


class CommentIn(Schema):
    body: str = Field(max_length=COMMENT_MAX_LENGTH)
    parent: int | None = Field(None, description="the comment this one replies to")


class VoteIn(Schema):
    choices: list[int] = Field(min_length=1, max_length=10)


def _raise(refusal: ConversationError) -> NoReturn:
    raise HttpError(refusal.status, refusal.message) from refusal


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def _readable_community(request: Any, slug: str) -> Community:
    found = Community.objects.filter(slug=slug).first()
    if found is None or not can_read(request.user, found):
        raise HttpError(404, "Not found.")
    return found


def _post(request: Any, post_id: int) -> Post:
    found = Post.objects.filter(pk=post_id).select_related("community").first()
    readable = post_for(request.user, found.community, found.pk) if found else None
    if readable is None:
        raise HttpError(404, "Not found.")
    return readable


def _post_out(post: Post) -> dict[str, Any]:
    return {
        "id": post.pk,
        "community": post.community.slug,
        "kind": post.kind,
        "title": post.title,
        "excerpt": plain_text(post.body)[:300],
        "url": post.get_absolute_url(),
        "author": _name(post.author),
        "published_at": post.publish_at,
        "edited_at": post.edited_at,
        "pinned": post.pinned_at is not None,
        "comments": post.comment_count,
        "accepted_answer_id": post.accepted_answer_id,
        "tags": sorted(tag.name for tag in post.tags.all()),
        "has_poll": post_poll(post) is not None,
    }


def _comment_out(comment: Comment, accepted_id: int | None) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "author": _name(comment.author),
        "body": comment.body,
        "created_at": comment.created_at,
        "hidden": comment.hidden_at is not None,
        "accepted": comment.pk == accepted_id,
        "replies": [
            _comment_out(reply, accepted_id) for reply in getattr(comment, "thread_replies", [])
        ],
    }


def _poll_out(post: Post, user: Any) -> dict[str, Any] | None:
    poll = post_poll(post)
    if poll is None:
        return None
    state = poll_state(poll, user)
    return {
        "question": poll.question,
        "multiple": poll.multiple,
        "closes_at": poll.closes_at,
        "closed": state.closed,
        "voted": state.voted,
        "ballots": poll.ballot_count if state.show_results else 0,
        "choices": [
            {
                "id": choice.pk,
                "label": choice.label,
                "votes": choice.votes if state.show_results else None,
                "percent": choice.percent if state.show_results else None,
                "mine": choice.mine,
            }
            for choice in state.choices
        ],
    }


@router.get("/", response={200: list[PostOut], **ERRORS}, summary="A community's posts")
def list_community_posts(
    request: Any,
    community: str = Query(..., max_length=140),
    page: int = Query(1, ge=1, le=1000),
    page_size: int = Query(20, ge=1, le=100),
) -> list[dict[str, Any]]:
    """Pinned first, then newest; only for the community's readers (404 otherwise)."""
    found = _readable_community(request, community)
    paginator = Paginator(community_posts(found, request.user), page_size)
    if page > max(paginator.num_pages, 1):
        return []
    return [_post_out(post) for post in paginator.page(page)]


@router.get(
    "/{post_id}/", response={200: PostDetailOut, **ERRORS}, summary="A post with its comments"
)
def read_community_post(
    request: Any, post_id: int, page: int = Query(1, ge=1, le=1000)
) -> dict[str, Any]:
    post = _post(request, post_id)
    page_of_threads = threads(post, request.user, page)
    return {
        **_post_out(post),
        "body": post.body,
        "poll": _poll_out(post, request.user),
        "attachments": [attachment.document.url for attachment in post.attachments.all()],
        "comment_threads": [
            _comment_out(comment, post.accepted_answer_id) for comment in page_of_threads
        ],
    }


@router.post("/", response={201: PostDetailOut, **ERRORS}, summary="Publish a post or question")
def create_community_post(request: Any, payload: PostIn) -> Status:
    check_api_rate(request, "post")
    found = _readable_community(request, payload.community)
    poll = None
    if payload.poll is not None:
        poll = PollSpec(
            payload.poll.question,
            list(payload.poll.answers),
            payload.poll.multiple,
            payload.poll.closes_at,
        )
    try:
        post = publish_post(
            community=found,
            author=request.user,
            kind=payload.kind,
            title=payload.title,
            body=payload.body,
            tags=payload.tags,
            publish_at=payload.publish_at,
            poll=poll,
        )
    except ConversationError as refusal:
        _raise(refusal)
    post = post_for(request.user, found, post.pk) or post
    return Status(
        201,
        {
            **_post_out(post),
            "body": post.body,
            "poll": _poll_out(post, request.user),
            "attachments": [],
            "comment_threads": [],
        },
    )


@router.post(
    "/{post_id}/comments/", response={201: CommentOut, **ERRORS}, summary="Comment on a post"
)
def comment_community_post(request: Any, post_id: int, payload: CommentIn) -> Status:
    check_api_rate(request, "comment")
    post = _post(request, post_id)
    parent = None
    if payload.parent is not None:
        parent = Comment.objects.on(post).filter(pk=payload.parent).first()
        if parent is None:
            raise HttpError(404, "Not found.")
    try:
        added = conversations.post_comment(
            author=request.user, target=post, body=payload.body, parent=parent
        )
    except ConversationError as refusal:
        _raise(refusal)
    return Status(201, _comment_out(added, post.accepted_answer_id))


@router.post(
    "/{post_id}/poll/vote/", response={200: PollOut, **ERRORS}, summary="Vote in a post's poll"
)
def vote_in_community_poll(request: Any, post_id: int, payload: VoteIn) -> dict[str, Any] | None:
    """One ballot per person; a second one is refused (409): a vote cannot be changed."""
    check_api_rate(request, "poll_vote")
    post = _post(request, post_id)
    poll = post_poll(post)
    if poll is None:
        raise HttpError(404, "Not found.")
    try:
        cast_poll_vote(poll=poll, user=request.user, choice_ids=payload.choices)
    except ConversationError as refusal:
        _raise(refusal)
    poll.refresh_from_db()
    return _poll_out(post, request.user)
