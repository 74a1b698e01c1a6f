"""Reading posts: a page of a community's posts (pinned first), one post for a reader, its
poll as this reader sees it, its edit history.

Every function asks communities.selectors.access first. A page of posts costs the same
number of queries whatever its size: the count, the page (authors, profiles, polls and
accepted answers joined), its tags, and its attachments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from communities.conversations import can_moderate, is_visible
from communities.models import (
    Community,
    Membership,
    Poll,
    PollBallot,
    PollVote,
    Post,
    PostAttachment,
    Role,
)
from communities.selectors.access import can_read
from communities.selectors.roles import animates

if TYPE_CHECKING:
    from communities.models import PollChoice

POSTS_PER_PAGE = 20


def _listed(queryset: QuerySet[Post]) -> QuerySet[Post]:
    return (
        queryset.select_related("author", "author__profile", "community", "poll", "accepted_answer")
        .prefetch_related(
            "tags",  # type: ignore[misc]  # taggit's manager prefetches; the stubs do not know
            Prefetch(
                "attachments",
                queryset=PostAttachment.objects.select_related("document"),
            ),
        )
        .order_by(F("pinned_at").desc(nulls_last=True), "-publish_at", "-pk")
    )


def community_posts(community: Community, user: Any) -> QuerySet[Post]:
    """The community's published posts, pinned first then newest; none for a non-reader."""
    if not can_read(user, community):
        return Post.objects.none()
    return _listed(Post.objects.published().filter(community=community))


def posts_page(community: Community, user: Any, page_number: Any = None) -> Page[Post]:
    """One page (POSTS_PER_PAGE) of `community_posts`: what `community_posts.html` shows."""
    paginator: Paginator[Post] = Paginator(community_posts(community, user), POSTS_PER_PAGE)
    return paginator.get_page(page_number)


def scheduled_posts(community: Community, user: Any) -> QuerySet[Post]:
    """The community's posts still waiting for their publication time, soonest first (hidden
    ones too), for its animators and administrators; none for anyone else."""
    if not animates(user, community):
        return Post.objects.none()
    return (
        Post.objects.filter(community=community, publish_at__gt=timezone.now())
        .select_related("author", "author__profile", "community", "poll")
        .order_by("publish_at", "pk")
    )


def scheduled_posts_for(user: Any) -> QuerySet[Post]:
    """The posts still waiting for their publication time in every community this person
    animates (all communities for an administrator), soonest first: the editors' desk."""
    if not getattr(user, "is_authenticated", False):
        return Post.objects.none()
    waiting = Post.objects.filter(publish_at__gt=timezone.now())
    if not user.is_superuser:
        animated = Membership.objects.filter(user_id=user.pk, role=Role.ANIMATOR)
        waiting = waiting.filter(community_id__in=animated.values("community_id"))
    return waiting.select_related("community").order_by("publish_at", "pk")


def scheduled_page(community: Community, user: Any, page_number: Any = None) -> Page[Post]:
    """One page (POSTS_PER_PAGE) of `scheduled_posts`: two queries, the count and the page."""
    paginator: Paginator[Post] = Paginator(scheduled_posts(community, user), POSTS_PER_PAGE)
    return paginator.get_page(page_number)


def post_for(user: Any, community: Community, pk: int) -> Post | None:
    """The post if this person may read it: published and visible to the community's
    readers; a hidden one to its moderators; a scheduled one to its author and animators."""
    if not can_read(user, community):
        return None
    post = _listed(Post.objects.filter(community=community, pk=pk)).first()
    if post is None or is_visible(post):
        return post
    if post.hidden_at is not None:
        return post if can_moderate(user, post) else None
    # scheduled, not yet out
    return post if post.author_id == user.pk or can_moderate(user, post) else None


@dataclass
class ChoiceResult:
    pk: int
    label: str
    votes: int
    percent: int
    mine: bool


@dataclass
class PollState:
    """A poll as this reader sees it: results only once they voted or the poll closed;
    never who voted for what."""

    poll: Poll
    voted: bool
    closed: bool
    can_vote: bool
    choices: list[ChoiceResult]

    @property
    def show_results(self) -> bool:
        return self.voted or self.closed


def poll_state(poll: Poll, user: Any) -> PollState:
    """Two queries: the choices, and this reader's votes."""
    choices: list[PollChoice] = list(poll.choices.all())
    mine: set[int] = set()
    voted = False
    if getattr(user, "is_authenticated", False):
        ballot = PollBallot.objects.filter(poll=poll, user=user).values("pk")
        mine = set(PollVote.objects.filter(ballot__in=ballot).values_list("choice_id", flat=True))
        voted = bool(mine)
    closed = poll.is_closed
    show = voted or closed
    total = poll.ballot_count or 0
    results = [
        ChoiceResult(
            pk=choice.pk,
            label=choice.label,
            votes=choice.vote_count if show else 0,
            percent=round(100 * choice.vote_count / total) if show and total else 0,
            mine=choice.pk in mine,
        )
        for choice in choices
    ]
    can_vote = (
        not voted
        and not closed
        and is_visible(poll.post)
        and can_read(user, poll.post.community)
        and poll.post.publish_at <= timezone.now()
    )
    return PollState(poll=poll, voted=voted, closed=closed, can_vote=can_vote, choices=results)


def post_poll(post: Post) -> Poll | None:
    """The post's poll (joined by `_listed`), or None."""
    try:
        return post.poll
    except Poll.DoesNotExist:
        return None


def revisions(post: Post) -> list[Any]:
    """What the post said before each edit, oldest first, the editor joined."""
    return list(post.revisions.select_related("edited_by"))
