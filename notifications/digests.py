"""What a digest says: the sections the apps registered (`core.digests`), for one reader.

Direction: `news` and `ideas` register their sections from their `AppConfig.ready()`; this
module imports neither. The section on unread notices is this app's own. Every item is
filtered for the reader by the section that gives it: Wagtail page privacy and news
audiences, challenge audiences, hidden and merged ideas; unread notices about something the
reader may no longer see are left out (`notifications.targets`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.digests import LIMIT, DigestSection, Item, Window, digest_sections
from core.guests import is_guest
from notifications.emails import absolute_url
from notifications.models import Notification
from notifications.selectors import with_availability


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


def _unread_notices(window: Window):
    """Notices of the window still unread and not emailed (those that wait for the digest)."""
    return Notification.objects.filter(
        read_at__isnull=True,
        emailed_at__isnull=True,
        created_at__gte=window.start,
        created_at__lt=window.end,
    )


def unread_items(user, window: Window) -> list[Item]:
    """The reader's notices waiting for the digest, leaving out those about something the
    reader may no longer see."""
    notices = _unread_notices(window).filter(recipient=user).order_by("created_at")[:LIMIT]
    return [
        Item(notice.message, absolute_url(notice.url))
        for notice in with_availability(user, notices)
        if notice.available
    ]


def unread_readers(window: Window) -> frozenset[int]:
    return frozenset(_unread_notices(window).values_list("recipient_id", flat=True).distinct())


UNREAD = DigestSection(
    name="unread",
    order=90,
    heading=gettext_lazy("Unread notifications"),
    items=unread_items,
    readers=unread_readers,
    guest_visible=True,
)


@dataclass(frozen=True)
class RunFacts:
    """What a whole run can know in a few queries: per section, the only readers it may hold
    something for (None: anyone), so that each reader's digest skips the sections that cannot
    concern them (most readers have no answer or notice)."""

    readers: dict[tuple[str, int], frozenset[int] | None]

    def may_concern(self, section: DigestSection, user) -> bool:
        readers = self.readers.get(section.key)
        return readers is None or user.pk in readers


def run_facts(window: Window) -> RunFacts:
    """Each section's readers, asked once per function (sections may share one)."""
    asked: dict = {}
    readers = {}
    for section in digest_sections():
        if section.readers not in asked:
            ids = section.readers(window)
            asked[section.readers] = None if ids is None else frozenset(ids)
        readers[section.key] = asked[section.readers]
    return RunFacts(readers)


def build_digest(user, window: Window, facts: RunFacts | None = None) -> Digest:
    """The reader's digest for the window, in the active language; empty sections dropped.

    With `facts` (computed once per run), sections that cannot concern the reader are skipped;
    a guest's digest holds only the sections registered `guest_visible`.
    """
    sections: dict[str, Section] = {}
    guest = is_guest(user)
    for registered in digest_sections():
        if guest and not registered.guest_visible:
            continue
        section = sections.setdefault(registered.name, Section(str(registered.heading)))
        if facts is None or facts.may_concern(registered, user):
            section.items += registered.items(user, window)
    return Digest([section for section in sections.values() if section.items])


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
