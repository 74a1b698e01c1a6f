"""What a digest or a nudge says: read-only builders over other apps' selectors.

Direction: this module reads `news`, `ideas` and `people` through their selectors; those apps
import only `notifications.services`, never this module, so there is no import circle. Every
item is filtered for the reader: Wagtail page privacy and news audiences, challenge audiences,
hidden and merged ideas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from notifications.models import Notification
from notifications.services import absolute_url


@dataclass(frozen=True)
class Window:
    """The digest of `period` covers [start, end); challenges are looked ahead to `horizon`."""

    kind: str
    period: date
    start: datetime
    end: datetime
    now: datetime
    horizon: datetime


@dataclass
class Item:
    title: str
    url: str
    detail: str = ""


@dataclass
class Section:
    heading: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Digest:
    sections: list[Section]

    @property
    def count(self) -> int:
        return sum(len(section.items) for section in self.sections)

    @property
    def is_empty(self) -> bool:
        return self.count == 0


LIMIT = 20


def news_items(user, window: Window) -> list[Item]:
    """News published in the window, addressed to the reader's teams (or everyone), that the
    reader may open."""
    from news.models import NewsPage
    from news.selectors import addressed_to, viewable_by

    pages = addressed_to(viewable_by(NewsPage.objects.all(), user), user).filter(
        first_published_at__gte=window.start, first_published_at__lt=window.end
    )
    return [
        Item(page.title, absolute_url(page.url or ""), page.intro[:300])
        for page in pages.order_by("-first_published_at")[:LIMIT]
    ]


def challenge_items(user, window: Window) -> tuple[list[Item], list[Item]]:
    """Challenges the reader may see that open, or close, between the run and the horizon."""
    from ideas.selectors import challenges_visible_to

    visible = challenges_visible_to(user)
    opening = visible.filter(opens_at__gte=window.now, opens_at__lt=window.horizon)
    closing = visible.filter(
        opens_at__lt=window.now, closes_at__gte=window.now, closes_at__lt=window.horizon
    )
    return (
        [
            Item(c.title, absolute_url(c.url or ""), _when(_("Opens on %s"), c.opens_at))
            for c in opening.order_by("opens_at")[:LIMIT]
        ],
        [
            Item(c.title, absolute_url(c.url or ""), _when(_("Closes on %s"), c.closes_at))
            for c in closing.order_by("closes_at")[:LIMIT]
        ],
    )


def _when(label: str, moment: datetime) -> str:
    return label % date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def answer_items(user, window: Window) -> list[Item]:
    """Owner answers to the reader's ideas and leadership answers to the reader's questions."""
    from ideas.models import StatusChange
    from ideas.selectors import ideas_visible_to
    from news.models import LeadershipUpdatePage, Question
    from news.selectors import viewable_by

    mine = ideas_visible_to(user).filter(Q(author=user) | Q(co_authors=user)).values("pk")
    changes = (
        StatusChange.objects.filter(
            idea__in=mine, created_at__gte=window.start, created_at__lt=window.end
        )
        .select_related("idea")
        .order_by("created_at")[:LIMIT]
    )
    items = [
        Item(
            _("Your idea “%(title)s” is now: %(status)s")
            % {"title": change.idea.title, "status": change.get_to_status_display()},
            absolute_url(change.idea.get_absolute_url()),
        )
        for change in changes
    ]
    visible_updates = viewable_by(LeadershipUpdatePage.objects.all(), user).values("pk")
    questions = (
        Question.objects.filter(
            author=user, answered_at__gte=window.start, answered_at__lt=window.end
        )
        .filter(Q(update__isnull=True) | Q(update__in=visible_updates))
        .select_related("update")
        .order_by("answered_at")[:LIMIT]
    )
    for question in questions:
        url = question.update.url if question.update else ""
        items.append(
            Item(
                _("Leadership answered your question “%(question)s”")
                % {"question": question.body[:120]},
                absolute_url(url or ""),
                question.answer[:300],
            )
        )
    return items


def unread_items(user, window: Window) -> list[Item]:
    """Notices of the window still unread and not emailed (those that wait for the digest)."""
    notices = Notification.objects.filter(
        recipient=user,
        read_at__isnull=True,
        emailed_at__isnull=True,
        created_at__gte=window.start,
        created_at__lt=window.end,
    ).order_by("created_at")[:LIMIT]
    return [Item(notice.message, absolute_url(notice.url)) for notice in notices]


def build_digest(user, window: Window) -> Digest:
    """The reader's digest for the window, in the active language; empty sections dropped."""
    opening, closing = challenge_items(user, window)
    sections = [
        Section(_("News for your teams"), news_items(user, window)),
        Section(_("Challenges opening soon"), opening),
        Section(_("Challenges closing soon"), closing),
        Section(_("Answers to your ideas and questions"), answer_items(user, window)),
        Section(_("Unread notifications"), unread_items(user, window)),
    ]
    return Digest([section for section in sections if section.items])


def unanswered_ideas_by_challenge(*, older_than: datetime) -> dict:
    """Per live challenge, its visible ideas still waiting for a first answer since before
    `older_than` (for nudging the owner, who may see them all)."""
    from ideas.models import ChallengePage, Idea

    waiting: dict[int, list[int]] = {}
    rows = (
        Idea.objects.visible()
        .filter(status="submitted", created_at__lt=older_than, challenge__live=True)
        .order_by("challenge_id", "pk")
        .values_list("challenge_id", "pk")
    )
    for challenge_id, idea_id in rows:
        waiting.setdefault(challenge_id, []).append(idea_id)
    challenges = ChallengePage.objects.filter(pk__in=waiting).only(
        "pk", "title", "url_path", "challenge_owner_id"
    )
    return {challenge: waiting[challenge.pk] for challenge in challenges}


def window_for(kind: str, now: datetime) -> Window:
    """Daily: yesterday (local midnight to midnight); weekly: the previous Monday-to-Monday
    week. Challenges are looked ahead one day (daily) or one week (weekly) from the run."""
    today = timezone.localdate(now)
    if kind == "daily":
        period, length = today, timedelta(days=1)
    else:
        period, length = today - timedelta(days=today.weekday()), timedelta(days=7)
    end = timezone.make_aware(datetime.combine(period, datetime.min.time()))
    return Window(
        kind=kind, period=period, start=end - length, end=end, now=now, horizon=now + length
    )
