"""Leadership's monthly recognition post: a draft leadership update, written by Ruche on the
1st from what happened the month before, that leadership edits and publishes in the admin.

The body is made of sections, each built by a function registered here:

    register_recognition_section("actions_completed", 30, build_actions_completed)

`build(month)` receives a `Month` and returns a `RecognitionSection` (a heading and plain-text
items, escaped when drafted) or None to stay out of this month's post. Sections appear by
`order` (built-in: ideas 10, questions 20, kudos 40); registering a name again replaces it.
Apps above insights register from their `AppConfig.ready()`.

A section names a person only if they agreed to it (`Profile.consents_to_be_highlighted`),
and gives a count only when at least `privacy.min_people()` distinct people are behind it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.translation import gettext, ngettext
from wagtail.rich_text import RichText

from ideas.selectors.recognition import ideas_implemented_between
from insights.privacy import min_people
from news.models import LeadershipUpdatePage
from news.selectors import leadership_publisher_ids, questions_answered_between
from news.services import draft_leadership_update
from notifications.services import notify
from people.consents import highlighted_kudos_recipients

logger = logging.getLogger(__name__)

NOTICE_KIND = "insights.recognition"


@dataclass(frozen=True)
class Month:
    """A calendar month in the site's time zone, from its first day."""

    first_day: date

    @classmethod
    def before(cls, day: date) -> Month:
        """The month before the one `day` is in (on the 1st of December: November)."""
        return cls((day.replace(day=1) - timedelta(days=1)).replace(day=1))

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first_day, time.min))

    @property
    def end(self) -> datetime:
        following = (self.first_day + timedelta(days=32)).replace(day=1)
        return timezone.make_aware(datetime.combine(following, time.min))

    @property
    def name(self) -> str:
        """The month's name in the active language ("novembre")."""
        return str(MONTHS[self.first_day.month])

    @property
    def slug(self) -> str:
        return f"merci-{self.first_day:%Y-%m}"


@dataclass(frozen=True)
class RecognitionSection:
    heading: str
    items: list[str]


SectionBuilder = Callable[[Month], RecognitionSection | None]

_SECTIONS: dict[str, tuple[int, SectionBuilder]] = {}


def register_recognition_section(name: str, order: int, builder: SectionBuilder) -> None:
    """Add (or replace) a section of the monthly recognition post; see the module docstring."""
    _SECTIONS[name] = (order, builder)


def recognition_sections() -> list[tuple[str, SectionBuilder]]:
    """The registered sections, by order then name."""
    ranked = sorted(_SECTIONS.items(), key=lambda item: (item[1][0], item[0]))
    return [(name, builder) for name, (_order, builder) in ranked]


# --- Built-in sections -------------------------------------------------------------------------


def ideas_implemented(month: Month) -> RecognitionSection | None:
    """The ideas put into practice, by title (never by author: they did not consent)."""
    ideas = ideas_implemented_between(start=month.start, end=month.end)
    if not ideas:
        return None
    return RecognitionSection(
        heading=gettext("Your ideas, put into practice"),
        items=[
            gettext("“%(idea)s” (%(challenge)s)")
            % {"idea": idea.title, "challenge": idea.challenge.title}
            for idea in ideas
        ],
    )


def questions_answered(month: Month) -> RecognitionSection | None:
    """How many questions leadership answered, when asked by at least the floor of people."""
    counts = questions_answered_between(start=month.start, end=month.end)
    if counts["askers"] < min_people():
        return None
    answered = counts["answered"]
    return RecognitionSection(
        heading=gettext("Your questions, answered"),
        items=[
            ngettext(
                "Leadership answered %(count)d of your questions.",
                "Leadership answered %(count)d of your questions.",
                answered,
            )
            % {"count": answered}
        ],
    )


def kudos_received(month: Month) -> RecognitionSection | None:
    """The people their colleagues thanked, only those who agreed to be named."""
    recipients = highlighted_kudos_recipients(start=month.start, end=month.end)
    if not recipients:
        return None
    return RecognitionSection(
        heading=gettext("Thanked by their colleagues"),
        items=[
            ngettext(
                "%(name)s, thanked %(count)d time",
                "%(name)s, thanked %(count)d times",
                count,
            )
            % {"name": profile.full_name, "count": count}
            for profile, count in recipients
        ],
    )


register_recognition_section("ideas_implemented", 10, ideas_implemented)
register_recognition_section("questions_answered", 20, questions_answered)
register_recognition_section("kudos_received", 40, kudos_received)


# --- The draft ---------------------------------------------------------------------------------


def recognition_body(month: Month) -> list[tuple[str, object]]:
    """The StreamField blocks of the month's post: a heading and a list per section that has
    something to say. A section that fails is left out (and logged), never the whole post."""
    blocks: list[tuple[str, object]] = []
    for name, builder in recognition_sections():
        try:
            section = builder(month)
        except Exception:
            logger.exception("recognition section %s failed for %s", name, month.first_day)
            continue
        if section is None or not section.items:
            continue
        items = "".join(f"<li>{escape(item)}</li>" for item in section.items)
        blocks += [("heading", section.heading), ("paragraph", RichText(f"<ul>{items}</ul>"))]
    return blocks


def draft_monthly_recognition(*, month: Month | None = None) -> LeadershipUpdatePage | None:
    """Draft last month's recognition post (unpublished) and tell leadership it awaits them.

    Idempotent: one draft per month however often or concurrently it runs (the page's slug
    is the month's, looked for under a lock: `news.services.draft_leadership_update`); an
    existing draft is left as leadership edited it. Leadership's notice is posted once per
    month and person (its key), so a run that stopped after drafting completes it later.
    Returns the draft when created now, else None.
    """
    month = month or Month.before(timezone.localdate())
    with translation.override(settings.LANGUAGE_CODE):
        page, created = draft_leadership_update(
            slug=month.slug,
            title=gettext("Thank you! What we achieved in %(month)s") % {"month": month.name},
            intro=gettext("Thank you all for what we achieved together in %(month)s.")
            % {"month": month.name},
            body=recognition_body(month),
            language=settings.LANGUAGE_CODE[:2],
        )
    if not page.live:
        _tell_leadership(page, month)
    return page if created else None


def _tell_leadership(page: LeadershipUpdatePage, month: Month) -> int:
    def message() -> str:
        return gettext(
            "The thank-you post for %(month)s is drafted: edit it and publish it when ready."
        ) % {"month": month.name}

    return notify(
        recipient_ids=leadership_publisher_ids(),
        key=f"{NOTICE_KIND}.{month.first_day:%Y-%m}",
        kind=NOTICE_KIND,
        message=message,
        url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
    )
