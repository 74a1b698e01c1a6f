"""The personal home feed: news addressed to me, posts of my communities and of what I
follow, answers to the ideas I care about, kudos and events coming up, in one list.

Each source is asked for at most `limit` recent items, in one query each (two for posts: the
candidates of every affinity in one UNION, then the posts themselves with what a card shows),
whatever the volume; the items are merged and scored here, then cut into pages. An item's
score is its weight (how close it is to me) times its freshness, which halves every
`HALF_LIFE`: a post of my community beats a random one of the same age, and a fresher item
beats an older one of the same weight.

Why it is exact: every source query lists one weight class newest first, so any item of the
first `n` overall is among the first `n` of its own class (every item above it in its class
scores at least as much). Reading page `p` asks each class for `p × PAGE_SIZE + 1` items.
And no class reads a post older than what could still make the page, given the newest posts
I may read (`_oldest_useful`): the database reads a few hundred rows, not every post that
carries a followed tag or sits in my communities.

Who may read what is never decided here: news through news' selectors (page privacy and
audiences), posts and events through `communities.selectors.access`, ideas through ideas'
selectors (challenge audiences, hidden ideas); kudos are public to employees.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import chain
from typing import TYPE_CHECKING, Any, cast

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from agenda.hosts import content_type
from agenda.selectors.access import events_readable_by
from agenda.selectors.events import with_host_names
from communities.models import Community, Post, PostTag
from communities.selectors.access import member_community_ids, posts_readable_by
from communities.selectors.follows import FollowSet, follows_of
from core.images import with_renditions
from ideas.models import CoAuthorInvitation
from ideas.selectors import idea_updates_for, ideas_awaiting_my_answer, pending_co_authorships
from intranet.followed_tags import tag_ids_named
from news.models import NewsPage
from news.selectors import (
    HomeFeed,
    latest_leadership_updates,
    news_for_user,
    pending_must_reads,
    top_open_questions,
)
from news.selectors.access import blocked_paths_for_user
from people.selectors import audience_team_ids_for_user, recent_kudos

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

PAGE_SIZE = 20
MAX_PAGES = 10
HALF_LIFE = timedelta(hours=48)
# An event comes up in the feed a week before it starts (or when announced, if later).
EVENT_LEAD = timedelta(days=7)
EVENT_HORIZON = timedelta(days=60)
# Posts older than what can make the page are not read (`_oldest_useful`); the slack keeps
# rounding from ever cutting a post that ties.
BOUND_SLACK = timedelta(minutes=1)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Weight:
    """How close an item is to the reader; the larger, the higher at equal age."""

    MINE = 5.0  # a post of my community, a kudos to me
    FOLLOWED_COMMUNITY = 4.0
    FOLLOWED_PERSON = 3.5
    NEWS_FOR_MY_TEAM = 3.5
    IDEA = 3.0
    FOLLOWED_TAG = 3.0
    NEWS = 2.5
    EVENT_OF_MINE = 3.0
    KUDOS_FOLLOWED = 2.5
    EVENT = 1.5
    ANY = 1.0  # anything else I may read


@dataclass
class FeedItem:
    kind: str  # post, news, idea, kudos, event: the partial intranet/feed/<kind>.html
    obj: Any
    at: datetime
    weight: float
    score: float = 0.0

    @property
    def template(self) -> str:
        return f"intranet/feed/{self.kind}.html"

    @property
    def key(self) -> tuple[str, int]:
        # A post is known by its id alone until its page is cut (`_with_posts`).
        return (self.kind, self.obj if isinstance(self.obj, int) else self.obj.pk)


@dataclass
class FeedPage:
    items: list[FeedItem] = field(default_factory=list)
    number: int = 1
    has_next: bool = False

    @property
    def next_number(self) -> int:
        return self.number + 1


def freshness(at: datetime, now: datetime) -> float:
    age = max((now - at).total_seconds(), 0.0)
    return float(0.5 ** (age / HALF_LIFE.total_seconds()))


def _post_classes(user: Any, follows: FollowSet) -> list[tuple[float, QuerySet[Post]]]:
    readable = posts_readable_by(user)
    mine = member_community_ids(user)
    classes: list[tuple[float, QuerySet[Post]]] = []
    if mine:
        classes.append((Weight.MINE, readable.filter(community_id__in=mine)))
    followed = follows.community_ids - mine
    if followed:
        classes.append((Weight.FOLLOWED_COMMUNITY, readable.filter(community_id__in=followed)))
    if follows.person_ids:
        people = follows.person_ids - {user.pk}
        classes.append((Weight.FOLLOWED_PERSON, readable.filter(author_id__in=people)))
    if follows.tags:
        tagged = PostTag.objects.filter(
            content_object=OuterRef("pk"), tag_id__in=tag_ids_named(follows.tags)
        )
        # Tested post by post, newest first (a scalar subquery keeps PostgreSQL from reading
        # every post that ever carried the tag): the scan stops at the page's count or at the
        # oldest useful date (`_oldest_useful`), however common the tag.
        first_tag = Subquery(tagged.values("pk")[:1])
        classes.append(
            (Weight.FOLLOWED_TAG, readable.alias(tag=first_tag).filter(tag__isnull=False))
        )
    classes.append((Weight.ANY, readable))
    return classes


def _oldest_useful(readable: QuerySet[Post], limit: int, weight: float) -> Any:
    """The publication date before which no post of a class of this `weight` can be among
    the first `limit - 1` items of the feed, as an SQL expression (read once per query).

    The `limit` newest posts I may read all score at least `Weight.ANY × freshness(t)`, where
    t is the date of the last of them; a post of weight w published before
    t − HALF_LIFE × log2(w / Weight.ANY) scores less than each of them, so it is not on the
    page and need not be read. This bounds every class to the posts of the last days (a few
    hours plus the bonus of its weight on a busy site), whatever the volume, without changing
    the feed: when fewer than `limit` posts exist, there is no bound."""
    newest = readable.order_by("-publish_at", "-pk").values("publish_at")[limit - 1 : limit]
    bonus = HALF_LIFE * math.log2(weight / Weight.ANY) + BOUND_SLACK
    return Coalesce(Subquery(newest), Value(EPOCH)) - Value(bonus)


def post_items(user: Any, follows: FollowSet, limit: int) -> list[FeedItem]:
    """Posts I may read, each with the weight of its closest class, in one UNION of each
    class's newest `limit`: ids, dates and weights only (`obj` is the post's id). Each class
    reads only the posts recent enough to make the page (`_oldest_useful`). Only the posts
    that make the page are read in full, by `_with_posts`."""
    classes = _post_classes(user, follows)
    readable = classes[-1][1]  # Weight.ANY: every post I may read
    parts = [
        (
            queryset
            if weight == Weight.ANY
            else queryset.filter(publish_at__gte=_oldest_useful(readable, limit, weight))
        )
        .annotate(weight=Value(weight))
        .order_by("-publish_at", "-pk")
        .values_list("pk", "weight", "publish_at")[:limit]
        for weight, queryset in classes
    ]
    weights: dict[int, float] = {}
    published: dict[int, datetime] = {}
    rows: Iterable[tuple[int, float, datetime]] = (
        parts[0].union(*parts[1:], all=True)
        if connection.features.supports_slicing_ordering_in_compound
        else chain.from_iterable(parts)  # SQLite: no LIMIT inside a UNION, one query a class
    )
    for pk, weight, publish_at in rows:
        weights[pk] = max(weight, weights.get(pk, 0.0))
        published[pk] = publish_at
    return [FeedItem("post", pk, published[pk], weight) for pk, weight in weights.items()]


def _with_posts(items: list[FeedItem]) -> list[FeedItem]:
    """The page's items with each post read in full (community, author, tags, cover), in
    the same two queries as before the page was cut; a post deleted meanwhile drops out."""
    ids = [item.obj for item in items if item.kind == "post"]
    if not ids:
        return items
    posts = with_renditions(
        Post.objects.filter(pk__in=ids).select_related("community", "author"),
        "community__cover",
        "thumb",
    ).prefetch_related("tags")  # type: ignore[misc]  # taggit's `tags` prefetches
    by_id = {post.pk: post for post in posts}
    for item in items:
        if item.kind == "post":
            item.obj = by_id.get(item.obj)
    return [item for item in items if item.obj is not None]


def news_items(user: Any, news: list[Any], team_ids: list[int]) -> list[FeedItem]:
    mine = set(team_ids)
    items = []
    for page in news:
        audience = {team.pk for team in page.audience_teams.all()}  # prefetched
        weight = Weight.NEWS_FOR_MY_TEAM if audience & mine else Weight.NEWS
        if page.featured:
            weight += 1.0
        items.append(FeedItem("news", page, page.first_published_at, weight))
    return items


def idea_items(user: Any, limit: int) -> list[FeedItem]:
    return [
        FeedItem("idea", change, change.created_at, Weight.IDEA)
        for change in idea_updates_for(user, limit=limit)
    ]


def kudos_items(user: Any, follows: FollowSet, limit: int) -> list[FeedItem]:
    items = []
    for kudos in recent_kudos(limit=limit):
        people = {kudos.sender_id, kudos.recipient.user_id}
        if kudos.recipient.user_id == user.pk:
            weight = Weight.MINE
        elif people & follows.person_ids:
            weight = Weight.KUDOS_FOLLOWED
        else:
            weight = Weight.ANY
        items.append(FeedItem("kudos", kudos, kudos.created_at, weight))
    return items


def event_items(user: Any, follows: FollowSet, now: datetime, limit: int) -> list[FeedItem]:
    """Events I may read starting from now to `EVENT_HORIZON`, soonest first."""
    mine = member_community_ids(user) | follows.community_ids
    events = with_renditions(
        with_host_names(
            events_readable_by(user).filter(starts_at__gte=now, starts_at__lt=now + EVENT_HORIZON)
        ),
        "cover_image",
        "thumb",
    ).order_by("starts_at", "pk")[:limit]
    communities = content_type(Community).pk
    items = []
    for event in events:
        at = min(now, max(event.created_at, event.starts_at - EVENT_LEAD))
        of_mine = event.host_type_id == communities and event.host_id in mine
        weight = Weight.EVENT_OF_MINE if of_mine else Weight.EVENT
        items.append(FeedItem("event", event, at, weight))
    return items


@dataclass
class Home:
    """What the home page shows: the news sections that stay apart (must-reads, leadership,
    questions) and the page of the personal feed."""

    news_feed: HomeFeed
    feed: FeedPage
    # Page 1 only: the news at the top (featured, else the newest addressed to me), and what
    # waits for me beside the must-reads.
    hero: NewsPage | None = None
    co_authorships: list[CoAuthorInvitation] = field(default_factory=list)
    ideas_awaiting_answer: list[dict[str, Any]] = field(default_factory=list)

    @property
    def has_todo(self) -> bool:
        return bool(self.news_feed.must_reads or self.co_authorships or self.ideas_awaiting_answer)


def feed_page(
    user: User | AnonymousUser,
    *,
    number: int = 1,
    now: datetime | None = None,
    blocked: list[str] | None = None,
    team_ids: list[int] | None = None,
) -> FeedPage:
    """Page `number` (1 to MAX_PAGES) of this person's feed, in a constant number of queries."""
    if not getattr(user, "is_authenticated", False):
        return FeedPage()
    number = min(max(number, 1), MAX_PAGES)
    now = now or timezone.now()
    limit = number * PAGE_SIZE + 1
    if blocked is None:
        blocked = blocked_paths_for_user(user)
    if team_ids is None:
        team_ids = audience_team_ids_for_user(user)
    follows = follows_of(user)
    news = news_for_user(user, limit=limit, blocked=blocked, team_ids=team_ids)
    items = [
        *post_items(user, follows, limit),
        *news_items(user, news, team_ids),
        *idea_items(user, limit),
        *kudos_items(user, follows, limit),
        *event_items(user, follows, now, limit),
    ]
    for item in items:
        item.score = item.weight * freshness(item.at, now)
    items.sort(key=lambda item: (-item.score, -item.at.timestamp(), item.key))
    start = (number - 1) * PAGE_SIZE
    page = _with_posts(items[start : start + PAGE_SIZE])
    return FeedPage(page, number, has_next=len(items) > start + PAGE_SIZE and number < MAX_PAGES)


def home_for(user: User | AnonymousUser, *, number: int = 1) -> Home:
    """The home page of this person: on page 1 the news sections beside the feed; on the
    next pages, the feed only. Who the reader is (pages closed to them, their teams) is read
    once for everything."""
    if not getattr(user, "is_authenticated", False):
        return Home(HomeFeed(), FeedPage())
    reader = cast("User", user)  # signed in
    blocked = blocked_paths_for_user(reader)
    team_ids = audience_team_ids_for_user(reader)
    feed = feed_page(reader, number=number, blocked=blocked, team_ids=team_ids)
    if feed.number > 1:
        return Home(HomeFeed(), feed)
    news_feed = HomeFeed(
        must_reads=list(pending_must_reads(reader, limit=5, blocked=blocked, team_ids=team_ids)),
        leadership_updates=latest_leadership_updates(user, blocked=blocked),
        questions=top_open_questions(user, blocked=blocked),
    )
    # The hero shows its cover at a card's size (the top story's picture, beside its title).
    hero = news_for_user(reader, limit=1, blocked=blocked, team_ids=team_ids, cover_shape="card")
    return Home(
        news_feed,
        feed,
        hero=hero[0] if hero else None,
        co_authorships=pending_co_authorships(reader),
        ideas_awaiting_answer=ideas_awaiting_my_answer(reader),
    )
