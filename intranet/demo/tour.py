"""The demo's guided start: for each demo role, a line `make run` prints beside the login and
the few things to try first, shown in a dismissible panel on that account's home page.

Only accounts `load_demo` enrols get the panel (`DemoGuide` rows), and only where the
`DEMO_GUIDE` setting is on (the embedded default), so the home page of a real organisation
never pays a query for it."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from intranet.models import DemoGuide


@dataclass(frozen=True)
class Step:
    title: Promise
    text: Promise
    # A URL name (with the reader's username as argument if `with_username`), or none for
    # a place on the home page itself: `anchor` is then the id of its heading.
    url_name: str = ""
    with_username: bool = False
    query: str = ""
    anchor: str = ""

    def href(self, user: User) -> str:
        if not self.url_name:
            return f"#{self.anchor}"
        args = [user.get_username()] if self.with_username else []
        return reverse(self.url_name, args=args) + (f"?{self.query}" if self.query else "")


@dataclass(frozen=True)
class RoleTour:
    summary: Promise  # the line `make run` prints beside the login
    steps: tuple[Step, ...]


SEARCH_A_QUESTION = Step(
    _("Ask the search a question"),
    _("Type a question the way you would ask a colleague: the answer comes first."),
    "search",
    query="q=comment+poser+un+jour+de+t%C3%A9l%C3%A9travail",
)

TOURS: dict[str, RoleTour] = {
    "employee": RoleTour(
        _("the home feed, a must-read to acknowledge, ideas to vote for, a pulse survey"),
        (
            SEARCH_A_QUESTION,
            Step(
                _("Find who knows what"),
                _("The directory filters people by skill, team and language."),
                "people:directory",
            ),
            Step(
                _("Answer this week's pulse"),
                _("Two minutes, anonymous: your team sees figures only past five answers."),
                "insights_pulse:mine",
            ),
            Step(
                _("See what changed"),
                _("“You said, we did”: actions born of what employees said, closed in the open."),
                "insights_actions:you_said_we_did",
            ),
        ),
    ),
    "editor": RoleTour(
        _("the editors' desk, must-read rates, comment moderation"),
        (
            Step(
                _("Visit the editors' desk"),
                _("Drafts, scheduled news, pages due for review and translations, on one screen."),
                "editors_desk",
            ),
            Step(
                _("Follow the must-reads"),
                _("Who has acknowledged each must-read, and who has not yet."),
                "news:must_reads",
            ),
            Step(
                _("Moderate the comments"),
                _("Reported comments wait here for a decision."),
                "news:moderation",
            ),
        ),
    ),
    "challenge owner": RoleTour(
        _("challenges in every phase, ideas waiting for an answer, workshops"),
        (
            Step(
                _("Answer the ideas"),
                _("Every idea gets an answer: those waiting for yours are in your to-do list."),
                anchor="home-todo-title",
            ),
            Step(
                _("Moderate the ideas hub"),
                _("Reported ideas and comments of your challenges."),
                "ideas:moderation",
            ),
            Step(
                _("See who takes part"),
                _("The leaderboard of the most active contributors."),
                "ideas:leaderboard",
            ),
        ),
    ),
    "manager": RoleTour(
        _("a team dashboard with figures, pulse results, the org chart"),
        (
            Step(
                _("Open your team's dashboard"),
                _("Engagement, pulse and recognition for your team, never below five people."),
                "insights:my_teams",
            ),
            Step(
                _("Read the pulse results"),
                _("The trend of each question, and what your team wrote."),
                "insights_pulse:results_list",
            ),
            Step(
                _("Walk the org chart"),
                _("Your place in the organisation, your team and its members."),
                "people:org_chart",
                with_username=True,
            ),
        ),
    ),
    "communicator": RoleTour(
        _("objectives and KPIs, strong and weak signals, search analytics"),
        (
            Step(
                _("Check the objectives"),
                _("Each objective's KPIs, measured every week, with their trend."),
                "insights_kpis",
            ),
            Step(
                _("Read the signals"),
                _("What people write and search: rising themes and weak signals."),
                "insights_signals",
            ),
            Step(
                _("See what people search"),
                _("Top queries, click-throughs and the searches that find nothing."),
                "search_analytics",
            ),
        ),
    ),
    "leader": RoleTour(
        _("employees' questions to answer in the open, leadership updates, KPIs"),
        (
            Step(
                _("Answer the questions"),
                _("Employees' questions, most upvoted first; your answers are public."),
                anchor="feed-questions-title",
            ),
            Step(
                _("Read what was answered"),
                _("“You asked, we answered”: every answer given in the open."),
                "news:answered",
            ),
            Step(
                _("Check the objectives"),
                _("Each objective's KPIs, measured every week, with their trend."),
                "insights_kpis",
            ),
            Step(
                _("Close the loop"),
                _("The action plans and what they changed."),
                "insights_actions:list",
            ),
        ),
    ),
    # A guest lands on their community, never on the home page: the printed line only.
    "guest expert": RoleTour(
        _("an outside expert who sees only the community they were invited to"), ()
    ),
    "administrator": RoleTour(
        _("the relevance desk, background tasks and the whole administration"),
        (
            Step(
                _("Tune the search"),
                _("Synonyms, acronyms and promoted results, tried live."),
                "search_desk",
            ),
            Step(
                _("Watch the background work"),
                _("Queues, retried and failed tasks, and how to replay them."),
                "background_tasks",
            ),
            SEARCH_A_QUESTION,
        ),
    ),
}


def enrol(user: User, role: str) -> None:
    """Give a demo account the panel of `role`; a dismissed panel stays dismissed."""
    if role not in TOURS:
        raise ValueError(f"No demo tour for the role {role!r}")
    DemoGuide.objects.update_or_create(user=user, defaults={"role": role})


def tour_for(user: User | AnonymousUser) -> RoleTour | None:
    """The panel this reader should see on the home page, or None (not a demo account,
    dismissed, or the guide is off)."""
    if not settings.DEMO_GUIDE or not user.is_authenticated:
        return None
    role = (
        DemoGuide.objects.filter(user=user, dismissed_at__isnull=True)
        .values_list("role", flat=True)
        .first()
    )
    tour = TOURS.get(role) if role else None
    return tour if tour and tour.steps else None


def dismiss(user: User) -> bool:
    """Hide the reader's panel for good; returns whether there was one to hide."""
    hidden = DemoGuide.objects.filter(user=user, dismissed_at__isnull=True).update(
        dismissed_at=timezone.now()
    )
    return hidden > 0
