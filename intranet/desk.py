"""The editors' desk: what waits for editors, communicators and moderators, with a count and
a link to act on each item.

Read from the apps' selectors, each section only for those who may act on it: open reports on
what this person moderates (news comments, ideas, community posts: one moderation queue),
questions to leadership without an answer, must-reads acknowledged by fewer people than their
target, pages and community posts scheduled for later, and information pages past their
review date with their owner. A fixed number of queries whatever the number of items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, Revision

from communities.selectors.posts import scheduled_posts_for
from core.conversations.selectors import moderation_queue
from core.formats import local_date
from core.richtext import plain_text
from intranet.reviews import stale_pages
from news.models import LeadershipIndexPage, QuestionStatus
from news.selectors import can_answer_questions, can_moderate, can_view_acknowledgements
from news.selectors.insights import live_must_reads, must_read_coverage
from news.selectors.questions import questions_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# How many items a section lists (its count covers them all).
SHOWN = 5


@dataclass
class DeskItem:
    title: str
    url: str
    detail: str = ""


@dataclass
class DeskSection:
    key: str
    title: str
    count: int
    action_url: str
    action_label: str
    items: list[DeskItem] = field(default_factory=list)
    empty: str = ""


def can_use_desk(user: User | AnonymousUser) -> bool:
    """Editors, communicators, moderators (those who moderate engagement) and administrators."""
    return bool(user.is_active and (user.is_superuser or can_moderate(user)))


def must_read_target() -> int:
    """The share (percent) of its audience a must-read should reach."""
    return int(getattr(settings, "MUST_READ_TARGET_PERCENT", 80))


def desk_for(user: User | AnonymousUser, *, shown: int = SHOWN) -> list[DeskSection]:
    """The sections of the desk this person may act on, in the order they are shown, each
    listing at most `shown` items (its count covers them all)."""
    if not isinstance(user, get_user_model()) or not can_use_desk(user):
        return []
    sections = [_moderation(user, shown)]
    if can_answer_questions(user) or can_moderate(user):
        sections.append(_questions(user, shown))
    if can_view_acknowledgements(user):
        sections.append(_must_reads(shown))
    sections.append(_scheduled(user, shown))
    sections.append(_stale_pages(shown))
    return sections


def _moderation(user: User, shown: int) -> DeskSection:
    queue = moderation_queue(user)
    return DeskSection(
        key="moderation",
        title=_("Reports to moderate"),
        count=len(queue),
        action_url=reverse("conversations:queue"),
        action_label=_("Open the moderation queue"),
        items=[
            DeskItem(
                item.title,
                item.url,
                ngettext("%(count)s report", "%(count)s reports", item.report_count)
                % {"count": item.report_count},
            )
            for item in queue[:shown]
        ],
        empty=_("No open report."),
    )


def _questions(user: User, shown: int) -> DeskSection:
    waiting = (
        questions_visible_to(user)
        .filter(status=QuestionStatus.OPEN)
        .order_by("-vote_count", "created_at")
    )
    index = LeadershipIndexPage.objects.live().first()
    url = index.url if index is not None and index.url else "/"
    return DeskSection(
        key="questions",
        title=_("Questions to leadership without an answer"),
        count=waiting.count(),
        action_url=url,
        action_label=_("Answer questions"),
        items=[
            DeskItem(
                question.body[:120],
                url,
                ngettext("%(count)s vote", "%(count)s votes", question.vote_count)
                % {"count": question.vote_count},
            )
            for question in waiting[:shown]
        ],
        empty=_("Every question has its answer."),
    )


def _must_reads(shown: int) -> DeskSection:
    target = must_read_target()
    below = []
    for row in must_read_coverage(live_must_reads()):
        addressed = len(row["addressed"])
        percent = round(100 * len(row["acknowledged"]) / addressed) if addressed else 100
        if percent < target:
            below.append((row["page"], percent))
    url = reverse("news:must_reads")
    return DeskSection(
        key="must-reads",
        title=_("Must-reads below their target (%(target)s %%)") % {"target": target},
        count=len(below),
        action_url=url,
        action_label=_("See acknowledgements"),
        items=[
            DeskItem(page.title, url, _("%(percent)s %% acknowledged") % {"percent": percent})
            for page, percent in below[:shown]
        ],
        empty=_("Every must-read has reached its target."),
    )


def _scheduled(user: User, shown: int) -> DeskSection:
    now = timezone.now()
    revisions = (
        Revision.page_revisions.filter(approved_go_live_at__gt=now)
        .order_by("approved_go_live_at")
        .values_list("object_id", "approved_go_live_at")
    )
    when: dict[int, datetime] = {}
    for object_id, moment in revisions:
        when.setdefault(int(object_id), moment)
    pages = Page.objects.filter(Q(pk__in=list(when)) | Q(go_live_at__gt=now, live=False))
    scheduled = sorted(
        ((page, when.get(page.pk) or page.go_live_at) for page in pages),
        key=lambda pair: (pair[1], pair[0].pk),
    )
    posts = scheduled_posts_for(user)
    items = [
        DeskItem(
            page.title,
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            _("Published on %(date)s") % {"date": local_date(moment, "DATETIME_FORMAT")},
        )
        for page, moment in scheduled[:shown]
    ]
    post_count = posts.count()
    items += [
        DeskItem(
            post.title or plain_text(post.body)[:80],
            reverse("communities:scheduled_posts", args=[post.community.slug]),
            _("In %(community)s, on %(date)s")
            % {
                "community": post.community.name,
                "date": local_date(post.publish_at, "DATETIME_FORMAT"),
            },
        )
        for post in posts[: max(0, shown - len(items))]
    ]
    return DeskSection(
        key="scheduled",
        title=_("Scheduled for later"),
        count=len(scheduled) + post_count,
        action_url=reverse("wagtailadmin_explore_root"),
        action_label=_("Browse the pages"),
        items=items,
        empty=_("Nothing is scheduled."),
    )


def _stale_pages(shown: int) -> DeskSection:
    pages = stale_pages()
    count = pages.count()
    items = []
    for page in pages[:shown]:
        owner = page.content_owner
        owner_name = (owner.get_full_name() or owner.get_username()) if owner else _("nobody")
        items.append(
            DeskItem(
                page.title,
                reverse("wagtailadmin_pages:edit", args=[page.pk]),
                _("Due for review on %(date)s · owner: %(owner)s")
                % {"date": local_date(page.review_date), "owner": owner_name},
            )
        )
    return DeskSection(
        key="stale-pages",
        title=_("Pages past their review date"),
        count=count,
        action_url="",
        action_label="",
        items=items,
        empty=_("Every page is up to date."),
    )
