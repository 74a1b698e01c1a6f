"""What a digest says: read-only builders over other apps' selectors.

Direction: this module reads `news` and `ideas` through their selectors (`*.selectors.digest`,
which apply `people`'s audience rules); those apps
import only `notifications.services`, never this module, so there is no import circle. Every
item is filtered for the reader: Wagtail page privacy and news audiences, challenge audiences,
hidden and merged ideas; unread notices about something the reader may no longer see are
left out (`notifications.targets`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from core.formats import local_date
from notifications.models import Notification
from notifications.selectors import with_availability
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
    from news.selectors import news_published_for

    pages = news_published_for(user, since=window.start, until=window.end)[:LIMIT]
    return [Item(page.title, absolute_url(page.url or ""), page.intro[:300]) for page in pages]


def challenge_items(user, window: Window) -> tuple[list[Item], list[Item]]:
    """Challenges the reader may see that open, or close, between the run and the horizon."""
    from ideas.selectors import challenges_closing_for, challenges_opening_for

    opening = challenges_opening_for(user, since=window.now, until=window.horizon)
    closing = challenges_closing_for(user, since=window.now, until=window.horizon)
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
    return label % local_date(moment, "DATETIME_FORMAT")


def answer_items(user, window: Window) -> list[Item]:
    """Owner answers to the reader's ideas and leadership answers to the reader's questions."""
    from ideas.selectors import answers_to_ideas_of
    from news.selectors import answers_to_questions_of

    period = {"since": window.start, "until": window.end}
    items = [
        Item(
            _("Your idea “%(title)s” is now: %(status)s")
            % {"title": change.idea.title, "status": change.get_to_status_display()},
            absolute_url(change.idea.get_absolute_url()),
        )
        for change in answers_to_ideas_of(user, **period)[:LIMIT]
    ]
    for question in answers_to_questions_of(user, **period)[:LIMIT]:
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
    """Notices of the window still unread and not emailed (those that wait for the digest),
    leaving out those about something the reader may no longer see."""
    notices = Notification.objects.filter(
        recipient=user,
        read_at__isnull=True,
        emailed_at__isnull=True,
        created_at__gte=window.start,
        created_at__lt=window.end,
    ).order_by("created_at")[:LIMIT]
    return [
        Item(notice.message, absolute_url(notice.url))
        for notice in with_availability(user, notices)
        if notice.available
    ]


@dataclass(frozen=True)
class RunFacts:
    """What a whole run can know in a few queries, so that each reader's digest skips the
    sections that cannot hold anything for them (most readers have no answer or notice)."""

    any_news: bool
    any_challenges: bool
    answered_user_ids: frozenset[int]
    noticed_user_ids: frozenset[int]


def run_facts(window: Window) -> RunFacts:
    from ideas.selectors import any_challenge_opening_or_closing, authors_answered_between
    from news.selectors import any_news_published, askers_answered_between

    period = {"since": window.start, "until": window.end}
    noticed = Notification.objects.filter(
        read_at__isnull=True,
        emailed_at__isnull=True,
        created_at__gte=window.start,
        created_at__lt=window.end,
    ).values_list("recipient_id", flat=True)
    return RunFacts(
        any_news=any_news_published(**period),
        any_challenges=any_challenge_opening_or_closing(since=window.now, until=window.horizon),
        answered_user_ids=frozenset(
            authors_answered_between(**period) | askers_answered_between(**period)
        ),
        noticed_user_ids=frozenset(noticed.distinct()),
    )


def build_digest(user, window: Window, facts: RunFacts | None = None) -> Digest:
    """The reader's digest for the window, in the active language; empty sections dropped.

    With `facts` (computed once per run), sections that cannot concern the reader are skipped.
    """
    news = news_items(user, window) if facts is None or facts.any_news else []
    if facts is None or facts.any_challenges:
        opening, closing = challenge_items(user, window)
    else:
        opening, closing = [], []
    answered = facts is None or user.pk in facts.answered_user_ids
    noticed = facts is None or user.pk in facts.noticed_user_ids
    sections = [
        Section(_("News for your teams"), news),
        Section(_("Challenges opening soon"), opening),
        Section(_("Challenges closing soon"), closing),
        Section(
            _("Answers to your ideas and questions"), answer_items(user, window) if answered else []
        ),
        Section(_("Unread notifications"), unread_items(user, window) if noticed else []),
    ]
    return Digest([section for section in sections if section.items])


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
