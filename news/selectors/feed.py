"""News lists: the filtered index, the Atom feed, pending must-reads and the home feed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from core.images import with_renditions
from core.languages import one_per_translation, reader_language
from news.models import (
    Acknowledgement,
    LeadershipUpdatePage,
    NewsCategory,
    NewsPage,
    Question,
    QuestionStatus,
)
from people.models import Team
from people.selectors import audience_team_ids_for_user

from .access import addressed_to, blocked_paths_for_user, viewable_by, with_cover_readable
from .questions import questions_visible_to, with_public_authors

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from wagtail.query import PageQuerySet


def _news_base() -> PageQuerySet:
    return NewsPage.objects.select_related("author__user", "category").prefetch_related(
        Prefetch("audience_teams", queryset=Team.objects.only("id", "name", "slug"))
    )


def news_for_listing(
    user: User | AnonymousUser,
    *,
    category: str = "",
    tag: str = "",
    team_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> PageQuerySet:
    """Every news item this user may open, newest first, with the index's filters applied;
    their covers and the covers' card renditions come in one query for the whole page."""
    queryset = viewable_by(with_renditions(_news_base(), "cover_image", "card"), user)
    queryset = with_cover_readable(queryset, user)
    # One item per translated set, in the reader's language where it exists.
    queryset = one_per_translation(queryset, reader_language())
    if category:  # a slug from the index's list, or a name (links from before the list)
        queryset = queryset.filter(
            Q(category__slug=category)
            | Q(category__name__iexact=category)
            | Q(category__name_en__iexact=category)
        )
    if tag:
        queryset = queryset.filter(tags__name=tag)
    if team_id:
        queryset = queryset.filter(audience_teams__id=team_id)
    if since:
        queryset = queryset.filter(first_published_at__date__gte=since)
    if until:
        queryset = queryset.filter(first_published_at__date__lte=until)
    # No DISTINCT: each filter matches at most one row per page (one tag name, one team).
    return queryset.order_by("-first_published_at", "-pk")


def news_categories() -> list[NewsCategory]:
    """The categories of the list that at least one live news item has, by name."""
    live = NewsPage.objects.live().filter(category=OuterRef("pk"))
    return list(NewsCategory.objects.filter(Exists(live)).order_by("name"))


def news_for_feed(user: User | AnonymousUser, *, limit: int = 30) -> list[NewsPage]:
    return list(news_for_listing(user)[:limit])


def pending_must_reads(
    user: User,
    *,
    limit: int | None = None,
    blocked: list[str] | None = None,
    team_ids: list[int] | None = None,
) -> PageQuerySet:
    """Must-reads addressed to this user that they may open and have not acknowledged."""
    # Read in one language, a must-read is read in all (one item per translated set).
    acknowledged = Acknowledgement.objects.filter(
        page__translation_key=OuterRef("translation_key"), user=user
    )
    must_reads = one_per_translation(
        viewable_by(NewsPage.objects.filter(must_read=True), user, blocked=blocked),
        reader_language(),
    )
    queryset = (
        addressed_to(must_reads, user, team_ids=team_ids)
        .filter(~Exists(acknowledged))
        .order_by("must_read_due", "-first_published_at")
    )
    return queryset[:limit] if limit else queryset


def news_for_user(
    user: User | AnonymousUser,
    *,
    limit: int = 6,
    blocked: list[str] | None = None,
    team_ids: list[int] | None = None,
    cover_shape: str = "thumb",
) -> list[NewsPage]:
    """News addressed to the user's teams or to everyone, featured first then newest, with
    their covers' renditions in `cover_shape` (one query for the whole list)."""
    visible = viewable_by(
        with_renditions(_news_base(), "cover_image", cover_shape), user, blocked=blocked
    )
    queryset = one_per_translation(
        addressed_to(visible, user, team_ids=team_ids), reader_language()
    )
    return list(queryset.order_by("-featured", "-first_published_at", "-pk")[:limit])


def latest_leadership_updates(
    user: User | AnonymousUser,
    *,
    limit: int = 3,
    blocked: list[str] | None = None,
    with_covers: bool = False,
) -> list[LeadershipUpdatePage]:
    """The newest updates this user may open; `with_covers`: with their card renditions."""
    updates: QuerySet[LeadershipUpdatePage] = LeadershipUpdatePage.objects.select_related(
        "author__user"
    )
    if with_covers:
        updates = with_renditions(updates, "cover_image", "card")
    queryset = one_per_translation(viewable_by(updates, user, blocked=blocked), reader_language())
    return list(queryset.order_by("-first_published_at", "-pk")[:limit])


def top_open_questions(
    viewer: User | AnonymousUser, *, limit: int = 5, blocked: list[str] | None = None
) -> list[Question]:
    queryset = (
        questions_visible_to(viewer, blocked=blocked)
        .filter(status=QuestionStatus.OPEN)
        .order_by("-vote_count", "-created_at")
    )
    return with_public_authors(queryset[:limit], viewer)


@dataclass
class HomeFeed:
    must_reads: list[NewsPage] = field(default_factory=list)
    news: list[NewsPage] = field(default_factory=list)
    leadership_updates: list[LeadershipUpdatePage] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


def home_feed(user: User | AnonymousUser) -> HomeFeed:
    """The signed-in employee's feed, in a constant number of queries.

    Who the reader is (pages closed to them, their teams) is read once for the four lists.
    """
    if not user.is_authenticated:
        return HomeFeed()
    blocked = blocked_paths_for_user(user)
    team_ids = audience_team_ids_for_user(user)
    return HomeFeed(
        must_reads=list(pending_must_reads(user, limit=5, blocked=blocked, team_ids=team_ids)),
        news=news_for_user(user, blocked=blocked, team_ids=team_ids),
        leadership_updates=latest_leadership_updates(user, blocked=blocked),
        questions=top_open_questions(user, blocked=blocked),
    )
