"""Reads of the insights app: who may see what, periods, the KPI and team dashboards."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from core.charts import Trend, trend
from ideas.selectors.insights import ideas_submitted
from insights.disclosure import bottom_up, disclose, subtree
from insights.kpis import UNIT_LABELS, Group, active_user_ids, contributor_ids
from insights.kpis_registry import get_kpi
from insights.models import KPISnapshot, Objective
from insights.privacy import min_people, team_breakdowns_on
from news.selectors.insights import live_must_reads, must_read_coverage
from people.models import Team
from people.selectors import (
    active_member_teams,
    kudos_flows,
    managed_team_ids,
    manages_a_team,
    team_descendant_ids,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise

COMMUNICATORS_GROUP = "Communicators"


# --- Permissions -------------------------------------------------------------------------------


def is_communicator(user: User | AnonymousUser) -> bool:
    """Communicators (the group) and superusers set objectives and read the KPIs and signals."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=COMMUNICATORS_GROUP).exists()


def signals_report_recipients() -> QuerySet[User]:
    """Who receives the weekly signals report: active communicators and superusers with an
    email address, by id."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=COMMUNICATORS_GROUP) | Q(is_superuser=True))
        .filter(is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def may_open_team_dashboards(user: User | AnonymousUser) -> bool:
    """Whether to link to the managers' dashboard: line managers and superusers (whom
    `my_teams` lets in). No query for the signed-in user (see `people.auth`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or manages_a_team(user)


def can_view_team_dashboard(user: User | AnonymousUser, team: Team) -> bool:
    """Managers of the team (they manage someone in it or in a team above) and superusers."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or team.pk in managed_team_ids(user)


def teams_managed_by(user: User | AnonymousUser) -> list[Team]:
    if user.is_superuser:
        return list(Team.objects.order_by("name"))
    return list(Team.objects.filter(pk__in=managed_team_ids(user)).order_by("name"))


# --- Periods and groups ------------------------------------------------------------------------


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_bounds(week_start: date) -> tuple[datetime, datetime]:
    """The week from Monday 00:00 to the next Monday, in the site's time zone."""
    start = timezone.make_aware(datetime.combine(week_start, time.min))
    return start, start + timedelta(days=7)


def last_complete_week(today: date | None = None) -> date:
    return monday_of(today or timezone.localdate()) - timedelta(days=7)


def group_for(team: Team | None) -> Group:
    """The active people of a team and its sub-teams, or of the whole organisation."""
    if team is None:
        return Group(members=active_member_teams(), restricted=False)
    return Group(members=active_member_teams([team.pk]), restricted=True)


def floor() -> int:
    return min_people()


@dataclass
class TeamTree:
    """The active people by team, the team tree, and the teams whose figures may be shown.

    `shown` holds the teams (and `None`, the whole organisation) kept by
    `insights.disclosure.disclose`: no group under the floor can be computed by subtracting
    the figures of shown groups from one another.
    """

    members: dict[int, int | None]
    children: dict[int | None, list[int]]
    size: dict[int | None, int]
    shown: set[int | None]
    by_team: dict[int | None, set[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for user_id, team_id in self.members.items():
            self.by_team.setdefault(team_id, set()).add(user_id)

    def people(self, team_id: int | None) -> set[int]:
        """Active people of the team and its sub-teams (everyone for `None`)."""
        if team_id is None:
            return set(self.members)
        teams = subtree(self.children, team_id)
        return set().union(*(self.by_team.get(team, set()) for team in teams))

    def shown_children(self, team_id: int | None) -> list[int]:
        return [child for child in self.children.get(team_id, []) if child in self.shown]

    def atoms(self, team_id: int | None) -> list[set[int]]:
        """The smallest groups subtraction can reach inside a shown team: for each shown
        team at or below it, its people that no shown sub-team covers (never empty, never
        under the floor)."""
        found = []
        for node in subtree(self.children, team_id):
            if node not in self.shown:
                continue
            rest = self.people(node).difference(
                *(self.people(child) for child in self.shown_children(node))
            )
            if rest:
                found.append(rest)
        return found


def team_tree() -> TeamTree:
    """The team tree with the teams whose figures may be shown, in two queries. The
    organisation's own figure is not shown beside them here (KPIs check it apart)."""
    members = active_member_teams()
    parents = dict(Team.objects.values_list("pk", "parent_id"))
    children: dict[int | None, list[int]] = defaultdict(list)
    for team_id, parent_id in parents.items():
        children[parent_id if parent_id in parents else None].append(team_id)
    direct = Counter(members.values())
    size: dict[int | None, int] = {}
    for node in bottom_up(children, None):
        size[node] = direct[node] + sum(size[child] for child in children.get(node, []))
    return TeamTree(
        members=members,
        children=children,
        size=size,
        shown=disclose(children=children, size=size, minimum=floor(), check_root=False),
    )


def disclosed_teams() -> list[Team]:
    """Teams whose figures may be shown (they get KPIs): at least the floor of active people,
    and no smaller group computable by subtraction from the figures of other shown teams."""
    shown = team_tree().shown - {None}
    return list(Team.objects.filter(pk__in=shown).order_by("name"))


def team_group_size(team: Team) -> int:
    """Active people of the team and its sub-teams."""
    return len(active_member_teams([team.pk]))


# --- KPI dashboard -----------------------------------------------------------------------------


@dataclass
class KPIRow:
    code: str
    label: StrOrPromise
    unit: str
    higher_is_better: bool
    target: float
    points: list[tuple[date, float | None]] = field(default_factory=list)
    # The latest measured week's values of the teams below, when team breakdowns are on:
    # (team name, value), only the teams whose figures may be shown (stored snapshots).
    teams: list[tuple[str, float]] = field(default_factory=list)
    teams_week: date | None = None

    @property
    def unit_label(self) -> str:
        return str(UNIT_LABELS.get(self.unit, self.unit))

    @property
    def latest(self) -> float | None:
        values = [value for _week, value in self.points if value is not None]
        return values[-1] if values else None

    @property
    def change(self) -> Trend | None:
        """The latest week against the week before it was known (withheld weeks skipped)."""
        values = [value for _week, value in self.points if value is not None]
        if len(values) < 2:
            return None
        return trend(values[-1], values[-2], higher_is_better=self.higher_is_better)

    @property
    def on_track(self) -> bool | None:
        if self.latest is None:
            return None
        if self.higher_is_better:
            return self.latest >= self.target
        return self.latest <= self.target


def objectives_dashboard(team: Team | None) -> list[tuple[Objective, list[KPIRow]]]:
    """Each objective with its KPIs' weekly values over its period, for a team or everyone.

    Three queries whatever the number of objectives, KPIs and weeks.
    """
    objectives = list(Objective.objects.prefetch_related("kpis"))
    if not objectives:
        return []
    first = monday_of(min(o.starts_on for o in objectives))
    last = max(o.ends_on for o in objectives)
    codes = {kpi.kpi for o in objectives for kpi in o.kpis.all()}
    snapshots = KPISnapshot.objects.filter(
        kpi__in=codes, team=team, week_start__gte=first, week_start__lte=last
    ).values_list("kpi", "week_start", "value")
    series: dict[str, list[tuple[date, float | None]]] = defaultdict(list)
    for code, week, value in snapshots.order_by("week_start"):
        series[code].append((week, value))
    board = []
    for objective in objectives:
        rows = []
        for target in objective.kpis.all():
            kpi = get_kpi(target.kpi)
            if kpi is None:  # its app was removed: nothing to measure
                continue
            points = [
                (week, value)
                for week, value in series[target.kpi]
                if monday_of(objective.starts_on) <= week <= objective.ends_on
            ]
            rows.append(
                KPIRow(kpi.code, kpi.label, kpi.unit, kpi.higher_is_better, target.target, points)
            )
        board.append((objective, rows))
    _add_team_breakdowns([row for _objective, rows in board for row in rows], team)
    return board


def _add_team_breakdowns(rows: list[KPIRow], team: Team | None) -> None:
    """Give each row its teams' values of its latest measured week, in one query.

    Only stored snapshots with a value are read: `insights.services.snapshot_kpis` stores
    values only for teams above the floor and where no subtraction reveals a smaller group.
    Under a team, its sub-teams; for the organisation, every team.
    """
    if not team_breakdowns_on():
        return
    latest = {
        row.code: max(week for week, value in row.points if value is not None)
        for row in rows
        if any(value is not None for _week, value in row.points)
    }
    if not latest:
        return
    snapshots = KPISnapshot.objects.filter(
        kpi__in=list(latest),
        week_start__in=set(latest.values()),
        team__isnull=False,
        value__isnull=False,
    )
    if team is not None:
        snapshots = snapshots.filter(team__in=team_descendant_ids([team.pk]) - {team.pk})
    found: dict[tuple[str, date], list[tuple[str, float]]] = defaultdict(list)
    for code, week, name, value in snapshots.order_by("team__name").values_list(
        "kpi", "week_start", "team__name", "value"
    ):
        if value is not None:  # (filtered above; for the type checker)
            found[(code, week)].append((name, value))
    for row in rows:
        if row.code in latest:
            row.teams_week = latest[row.code]
            row.teams = found[(row.code, latest[row.code])]


# --- Manager dashboard -------------------------------------------------------------------------


def _figures(user_ids: set[int], data: dict[str, Any]) -> dict[str, Any]:
    ideas = [idea for idea in data["ideas"] if idea["author_id"] in user_ids]
    return {
        "people": len(user_ids),
        "contributors": len(data["contributors"] & user_ids),
        "active": len(data["active"] & user_ids),
        "ideas": len(ideas),
        "ideas_by_status": Counter(idea["status"] for idea in ideas),
        "kudos_received": sum(1 for _s, to in data["kudos"] if to in user_ids),
        "kudos_given": sum(1 for sender, _to in data["kudos"] if sender in user_ids),
    }


def team_dashboard(team: Team, *, days: int, tree: TeamTree | None = None) -> dict[str, Any] | None:
    """Participation, ideas and outcomes, kudos and pending must-reads of a team and below.

    None when the team's figures are withheld: fewer than the floor of people, or a group
    under the floor could be computed from them and other shown figures (see
    `insights.disclosure`); its people are then counted in the team above. Sub-teams whose
    figures are shown have a row each; the rest of the team (its direct members and the
    other sub-teams) has one "together" row, never under the floor, so the rows add up to
    the total. Anonymous ideas and questions count in no figure. A must-read's figures add
    up only the smallest computable groups with at least the floor of people addressed. A
    fixed number of queries whatever the team's size. None too when a works-council
    agreement turns team breakdowns off (`insights.privacy.team_breakdowns_on`). `tree` is
    `team_tree()` when the caller has it.
    """
    if not team_breakdowns_on():
        return None
    tree = tree or team_tree()
    if team.pk not in tree.shown:
        return None
    members = tree.people(team.pk)
    end = timezone.now()
    start = end - timedelta(days=days)
    data = {
        "contributors": contributor_ids(start, end, members),
        "active": active_user_ids(start=end - timedelta(days=6), end=end),
        "ideas": ideas_submitted(start=start, end=end, author_ids=members),
        "kudos": kudos_flows(start=start, end=end, user_ids=members),
    }
    total = _figures(members, data)
    before = start - timedelta(days=days)
    previous = _figures(
        members,
        {
            "contributors": contributor_ids(before, start, members),
            "active": active_user_ids(start=end - timedelta(days=13), end=end - timedelta(days=7)),
            "ideas": ideas_submitted(start=before, end=start, author_ids=members),
            "kudos": kudos_flows(start=before, end=start, user_ids=members),
        },
    )
    names = dict(Team.objects.filter(parent=team).values_list("pk", "name"))
    shown = sorted(
        (child for child in tree.shown_children(team.pk) if child in names),
        key=lambda child: names[child],
    )
    subteams: list[tuple[str | None, dict[str, Any]]] = []
    covered: set[int] = set()
    for child in shown:
        people = tree.people(child)
        covered |= people
        subteams.append((names[child], _figures(people, data)))
    if subteams and members - covered:
        subteams.append((None, _figures(members - covered, data)))
    return {
        "total": total,
        "cards": _team_cards(total, previous),
        "subteams": subteams,
        "must_reads": team_must_reads(tree, team.pk, members),
    }


def team_must_reads(tree: TeamTree, team_id: int, members: set[int]) -> list[dict[str, Any]]:
    """The live must-reads addressed to a shown team, with how many of its people they are
    addressed to, acknowledged and pending. The figures add up only the smallest computable
    groups (`TeamTree.atoms`) with at least the floor of people addressed, and a must-read is
    listed only when they reach it (none for a team whose figures are withheld). Four
    queries."""
    if team_id not in tree.shown:
        return []
    atoms = tree.atoms(team_id)
    must_reads = []
    for row in must_read_coverage(live_must_reads(), members):
        counted = [atom for atom in atoms if len(row["addressed"] & atom) >= floor()]
        addressed = sum(len(row["addressed"] & atom) for atom in counted)
        acknowledged = sum(len(row["acknowledged"] & atom) for atom in counted)
        if addressed >= floor():
            must_reads.append(
                {
                    "page_id": row["page"].pk,
                    "title": row["page"].title,
                    "due": row["page"].must_read_due,
                    "addressed": addressed,
                    "acknowledged": acknowledged,
                    "pending": addressed - acknowledged,
                }
            )
    return must_reads


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _team_cards(now: dict[str, Any], before: dict[str, Any]) -> list[dict[str, Any]]:
    """The team's figures as metric cards, each against the period before (the same people:
    shares move in percentage points, counts in units)."""
    people = now["people"]
    cards = []
    for key, label in (
        ("contributors", gettext("Contributed")),
        ("active", gettext("Active this week")),
    ):
        value, earlier = _share(now[key], people), _share(before[key], people)
        cards.append({"label": label, "value": value, "unit": "%", "trend": trend(value, earlier)})
    for key, label in (
        ("ideas", gettext("Ideas")),
        ("kudos_received", gettext("Kudos received")),
        ("kudos_given", gettext("Kudos given")),
    ):
        cards.append(
            {"label": label, "value": now[key], "unit": "", "trend": trend(now[key], before[key])}
        )
    return cards
