"""What a manager could do for a team, as short sentences with a link to act, most urgent first.

Shown at the top of the team dashboard and in the weekly team digest (`insights.team_digest`).
Each suggestion comes from a *provider*, a function of a `TeamContext` returning
`Suggestion`s. The providers below are built in; another part of Ruche adds its own from its
`AppConfig.ready()`:

    from insights.suggestions import Suggestion, register_suggestion

    register_suggestion("pulse-participation", pulse_participation)

A provider must run a fixed number of queries whatever the team's size, and respect the
anonymity rules (`insights.privacy`): a share of people only over at least `min_people()`,
anonymous ideas and questions counted by nobody's team. A suggestion that states a figure
about people's behaviour (a share) says so with `is_figure=True`: it is left out when a
works-council agreement turns team breakdowns off (`team_breakdowns_on()`), while to-dos
(ideas or questions waiting) stay.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from ideas.selectors.for_managers import ideas_awaiting_answer
from insights.privacy import min_people, team_breakdowns_on
from insights.selectors import TeamTree, team_must_reads, team_tree
from news.selectors.for_managers import leadership_url, open_questions_of, page_urls
from people.models import Team
from people.selectors import kudos_flows

logger = logging.getLogger(__name__)

# "Nobody in the team has been thanked for 60 days."
KUDOS_QUIET_DAYS = 60
# Under this share of the team thanked over KUDOS_QUIET_DAYS, "few thanked" is suggested.
FEW_THANKED_PERCENT = 20
# An idea or a question waiting longer than this is more urgent.
LONG_WAIT_DAYS = 14


@dataclass(frozen=True)
class Suggestion:
    """One thing to do: `text` is a whole sentence in the active language, `url` where to
    act and `action` the link's text. Higher `urgency` comes first."""

    name: str
    text: str
    url: str
    action: str
    urgency: int
    count: int | None = None
    is_figure: bool = False


@dataclass
class TeamContext:
    """What providers read: the team, its active people (with its sub-teams), the team tree
    with the teams whose figures may be shown, and the moment of the computation."""

    team: Team
    tree: TeamTree
    now: datetime = field(default_factory=timezone.now)

    @cached_property
    def people(self) -> set[int]:
        return self.tree.people(self.team.pk)


Provider = Callable[[TeamContext], Iterable[Suggestion]]

_providers: dict[str, Provider] = {}


def register_suggestion(name: str, provider: Provider) -> None:
    """Add a provider of suggestions (or replace the one of that name). Call it from
    `AppConfig.ready()`."""
    _providers[name] = provider


def registered_suggestions() -> dict[str, Provider]:
    return dict(_providers)


def suggestions_for(
    team: Team, *, tree: TeamTree | None = None, now: datetime | None = None
) -> list[Suggestion]:
    """Every provider's suggestions for a team, most urgent first. A provider that fails is
    logged and skipped: a dashboard never breaks for one suggestion."""
    context = TeamContext(team=team, tree=tree or team_tree(), now=now or timezone.now())
    breakdowns = team_breakdowns_on()
    found: list[Suggestion] = []
    for name, provider in _providers.items():
        try:
            found.extend(provider(context))
        except Exception:  # noqa: BLE001 - one provider's bug must not hide the others
            logger.exception("Suggestion provider %s failed for team %s", name, team.pk)
    found = [s for s in found if breakdowns or not s.is_figure]
    return sorted(found, key=lambda s: (-s.urgency, s.name, s.text))


# --- Built-in providers ------------------------------------------------------------------------


def _waited_long(context: TeamContext, oldest: datetime) -> bool:
    return context.now - oldest > timedelta(days=LONG_WAIT_DAYS)


def ideas_waiting(context: TeamContext) -> list[Suggestion]:
    """Ideas of the team's people no owner has answered yet (anonymous ones never count)."""
    waiting = ideas_awaiting_answer(author_ids=context.people)
    if not waiting:
        return []
    count = len(waiting)
    # The oldest waiting idea: no query to find a page, and where a nudge helps most.
    url = reverse("ideas:idea", args=[waiting[0][0]])
    text = ngettext(
        "%(count)s idea from your team is waiting for an answer",
        "%(count)s ideas from your team are waiting for an answer",
        count,
    ) % {"count": count}
    return [
        Suggestion(
            name="ideas-waiting",
            text=text,
            url=url,
            action=gettext("See the idea") if count == 1 else gettext("See the oldest one"),
            urgency=90 if _waited_long(context, waiting[0][1]) else 80,
            count=count,
        )
    ]


def must_reads_behind(context: TeamContext) -> list[Suggestion]:
    """Must-reads addressed to the team that fewer than MUST_READ_TARGET_PERCENT of it have
    acknowledged: shares over groups of at least the floor only (`team_must_reads`)."""
    target = int(getattr(settings, "MUST_READ_TARGET_PERCENT", 80))
    rows = [
        row
        for row in team_must_reads(context.tree, context.team.pk, context.people)
        if 100 * row["acknowledged"] < target * row["addressed"]
    ]
    if not rows:
        return []
    urls = page_urls([row["page_id"] for row in rows])
    today = timezone.localdate(context.now)
    suggestions = []
    for row in rows:
        share = int(100 * row["acknowledged"] / row["addressed"])
        overdue = row["due"] is not None and row["due"] <= today
        suggestions.append(
            Suggestion(
                name="must-read",
                text=gettext("Must-read “%(title)s” is at %(share)s %%")
                % {"title": row["title"], "share": share},
                url=urls.get(row["page_id"], ""),
                action=gettext("Open the must-read"),
                urgency=(85 if overdue else 70) + (target - share) // 10,
                count=share,
                is_figure=True,
            )
        )
    return suggestions


def questions_open(context: TeamContext) -> list[Suggestion]:
    """Questions the team's people asked leadership that are still open (not anonymous)."""
    waiting = open_questions_of(author_ids=context.people)
    if not waiting:
        return []
    count = len(waiting)
    text = ngettext(
        "%(count)s question from your team to leadership is still unanswered",
        "%(count)s questions from your team to leadership are still unanswered",
        count,
    ) % {"count": count}
    return [
        Suggestion(
            name="questions-open",
            text=text,
            url=leadership_url(),
            action=gettext("See the questions"),
            urgency=65 if _waited_long(context, waiting[0][1]) else 60,
            count=count,
        )
    ]


def kudos_quiet(context: TeamContext) -> list[Suggestion]:
    """Nobody in the team thanked for KUDOS_QUIET_DAYS, or few of them (a share: only for a
    team of at least the floor). Kudos are public, so "nobody" reveals nothing hidden."""
    people = context.people
    if not people:
        return []
    start = context.now - timedelta(days=KUDOS_QUIET_DAYS)
    thanked = {
        recipient
        for _sender, recipient in kudos_flows(start=start, end=context.now, user_ids=people)
        if recipient in people
    }
    url = reverse("people:team", args=[context.team.slug])
    if not thanked:
        text = gettext("Nobody in the team has been thanked for %(days)s days") % {
            "days": KUDOS_QUIET_DAYS
        }
        return [
            Suggestion(
                name="kudos-quiet",
                text=text,
                url=url,
                action=gettext("Thank someone"),
                urgency=40,
            )
        ]
    share = int(100 * len(thanked) / len(people))
    if len(people) >= min_people() and share < FEW_THANKED_PERCENT:
        text = gettext("Only %(share)s %% of the team was thanked in the last %(days)s days") % {
            "share": share,
            "days": KUDOS_QUIET_DAYS,
        }
        return [
            Suggestion(
                name="kudos-few",
                text=text,
                url=url,
                action=gettext("Thank someone"),
                urgency=35,
                count=share,
                is_figure=True,
            )
        ]
    return []


register_suggestion("ideas-waiting", ideas_waiting)
register_suggestion("must-read", must_reads_behind)
register_suggestion("questions-open", questions_open)
register_suggestion("kudos-quiet", kudos_quiet)
