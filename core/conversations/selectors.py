"""Reads of conversations: threads with replies, reactions, the moderation queue.

Each in a fixed number of queries whatever the number of comments.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db.models import Count, Model, Prefetch, QuerySet

from core.guests import guest_related
from core.pagination import page_number_newest_first
from core.rendering import render_bodies

from .models import REACTION_EMOJI, Comment, Conversation, Reaction, ReactionKind, Report
from .registry import ConversationKind, kind_for, kinds

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

_QS = TypeVar("_QS", bound=QuerySet[Any])

THREADS_PER_PAGE = 10


@dataclass
class ReactionSummary:
    kind: str
    label: str
    emoji: str
    count: int
    mine: bool


def _on(queryset: _QS, target: Model) -> _QS:
    return queryset.filter(
        conversation__content_type=ContentType.objects.get_for_model(target),
        conversation__object_id=target.pk,
    )


def reactions(target: Model, user: User | AnonymousUser) -> list[ReactionSummary]:
    """Each reaction kind with its count on the target and whether the user gave it."""
    given = _on(Reaction.objects.all(), target)
    counts = dict(
        given.values_list("kind").annotate(total=Count("id")).values_list("kind", "total")
    )
    # an anonymous reader's pk is None, which Django's exact lookup takes as IS NULL (none)
    mine = set(given.filter(user_id=user.pk).values_list("kind", flat=True))  # type: ignore[misc]
    return [
        ReactionSummary(
            kind, str(label), REACTION_EMOJI[ReactionKind(kind)], counts.get(kind, 0), kind in mine
        )
        for kind, label in ReactionKind.choices
    ]


def _top_level(target: Model, user: User | AnonymousUser) -> QuerySet[Comment]:
    """The target's conversations (top-level comments) this user sees, newest first."""
    top = _on(Comment.objects.filter(parent__isnull=True), target)
    if not kind_for(target).sees_hidden(user, target):
        top = top.visible()
    return top.order_by("-created_at", "-pk")


def threads(
    target: Model, user: User | AnonymousUser, page_number: str | int | None = None
) -> DjangoPage[Comment]:
    """One page of the target's threads (THREADS_PER_PAGE), newest first, each with its
        replies in order in `thread_replies`; those who see hidden comments see them too.
        Three queries: the count, the page of threads (authors joined, with what marks a guest:
    `core.guests.guest_related`), their replies."""
    replies = Comment.objects.select_related(*guest_related("author")).order_by("created_at", "pk")
    if not kind_for(target).sees_hidden(user, target):
        replies = replies.visible()
    top = _top_level(target, user).select_related(*guest_related("author"))
    top = top.prefetch_related(Prefetch("replies", queryset=replies, to_attr="thread_replies"))
    paginator: Paginator[Comment] = Paginator(top, THREADS_PER_PAGE)
    return paginator.get_page(page_number)


def thread_page_number(comment: Comment, target: Model, user: User | AnonymousUser) -> int:
    """Which page of `threads` shows this comment's thread."""
    thread = comment.parent or comment
    return page_number_newest_first(_top_level(target, user), thread, THREADS_PER_PAGE)


@dataclass
class ThreadContext:
    """What the `conversations/thread.html` include needs about one target."""

    target: object
    kind: ConversationKind
    threads: DjangoPage[Comment]
    can_moderate: bool
    can_reply: bool = True
    urls: dict[str, str] = field(default_factory=dict)

    @property
    def rich_text(self) -> bool:
        return self.kind.rich_text


def render_comments(page: DjangoPage[Comment], *, rich_text: bool) -> None:
    """Give each comment of the page, replies included, `shown_body`: its body as the
    template shows it (`core.rendering.render_bodies`: escaped or sanitised, then what the
    apps add, such as links to mentions), all of them rendered at once."""
    comments: list[Comment] = []
    for thread in page:
        comments.append(thread)
        comments.extend(getattr(thread, "thread_replies", []))
    shown = render_bodies([comment.body for comment in comments], rich_text=rich_text)
    for comment, body in zip(comments, shown, strict=True):
        comment.shown_body = body  # type: ignore[attr-defined]


def thread_context(
    target: Model,
    user: User | AnonymousUser,
    page_number: str | int | None = None,
    *,
    can_reply: bool = True,
) -> ThreadContext:
    """What `conversations/thread.html` needs: a page of threads (`threads`), their bodies
    rendered (`render_comments`), and what this user may do."""
    kind = kind_for(target)
    page = threads(target, user, page_number)
    render_comments(page, rich_text=kind.rich_text)
    return ThreadContext(
        target=target,
        kind=kind,
        threads=page,
        can_moderate=kind.can_moderate(user, target),
        can_reply=can_reply,
        urls=kind.urls,
    )


def moderated_conversations(
    user: User | AnonymousUser, names: set[str] | None = None
) -> QuerySet[Conversation]:
    """The conversations this user moderates, of the kinds named (all kinds by default)."""
    found = Conversation.objects.none()
    for kind in kinds():
        if names is not None and kind.name not in names:
            continue
        mine = kind.moderated(
            user, Conversation.objects.filter(content_type__in=kind.content_types())
        )
        found = found | mine
    return found


@dataclass
class QueueItem:
    """A comment or a target with open reports, for the moderation queue."""

    kind: ConversationKind
    target: Any  # a model instance of the kind; `hidden_at` is read by name when reportable
    comment: Comment | None
    reports: list[Report] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.kind.target_title(self.target)

    @property
    def url(self) -> str:
        url = self.kind.target_url(self.target)
        return f"{url}#comment-{self.comment.pk}" if self.comment else url

    @property
    def hidden(self) -> bool:
        row = self.comment or self.target
        return row.hidden_at is not None

    @property
    def report_count(self) -> int:
        return len(self.reports)


def moderation_queue(
    user: User | AnonymousUser, names: set[str] | None = None, limit: int = 200
) -> list[QueueItem]:
    """Open reports on what this user moderates, one item per comment or target reported,
    the most reported first, each comment's body rendered (`shown_body`, as in threads). A
    fixed number of queries: the reports, one per kind present for the targets, and what
    the body renderers ask."""
    reports = (
        Report.objects.filter(
            outcome=Report.Outcome.OPEN,
            conversation__in=moderated_conversations(user, names).values("pk"),
        )
        .select_related("reporter", "conversation", "comment", *guest_related("comment__author"))
        .order_by("created_at", "pk")
    )
    grouped: dict[tuple[int, int | None], list[Report]] = defaultdict(list)
    for found in reports:
        grouped[(found.conversation_id, found.comment_id)].append(found)
    wanted: dict[int, set[int]] = defaultdict(set)
    for found in reports:
        wanted[found.conversation.content_type_id].add(found.conversation.object_id)
    targets: dict[tuple[int, Any], Any] = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        assert model is not None  # a registered kind's model, installed
        for pk, instance in model._default_manager.in_bulk(ids).items():
            targets[(content_type_id, pk)] = instance
    items: list[QueueItem] = []
    for group in grouped.values():
        conversation = group[0].conversation
        target = targets.get((conversation.content_type_id, conversation.object_id))
        if target is None:
            continue
        items.append(QueueItem(kind_for(target), target, group[0].comment, group))
    items.sort(key=lambda item: -item.report_count)
    items = items[:limit]
    for rich_text in (True, False):
        reported = [i.comment for i in items if i.comment and i.kind.rich_text is rich_text]
        shown = render_bodies([comment.body for comment in reported], rich_text=rich_text)
        for comment, body in zip(reported, shown, strict=True):
            comment.shown_body = body  # type: ignore[attr-defined]
    return items


def comments_of(*models: type[Model]) -> QuerySet[Comment]:
    """Every comment on targets of these models (insights, exports, statistics)."""
    content_types = ContentType.objects.get_for_models(*models).values()
    return Comment.objects.filter(conversation__content_type__in=list(content_types))
