"""Reads of the insights app: who may see what, periods, the KPI and team dashboards."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from insights.kpis import KPIS, UNIT_LABELS, Group
from insights.models import ActivityDay, KPISnapshot, Objective
from people.models import Team
from people.selectors import (
    active_member_teams,
    managed_team_ids,
    manages_a_team,
    team_descendants_map,
)

COMMUNICATORS_GROUP = "Communicators"


# --- Permissions -------------------------------------------------------------------------------


def is_communicator(user) -> bool:
    """Communicators (the group) and superusers set objectives and read the KPIs and signals."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=COMMUNICATORS_GROUP).exists()


def signals_report_recipients():
    """Who receives the weekly signals report: active communicators and superusers with an
    email address, by id."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(Q(groups__name=COMMUNICATORS_GROUP) | Q(is_superuser=True))
        .filter(is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def may_open_team_dashboards(user) -> bool:
    """Whether to link to the managers' dashboard: line managers and superusers (whom
    `my_teams` lets in). No query for the signed-in user (see `people.auth`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or manages_a_team(user)


def can_view_team_dashboard(user, team: Team) -> bool:
    """Managers of the team (they manage someone in it or in a team above) and superusers."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or team.pk in managed_team_ids(user)


def teams_managed_by(user) -> list[Team]:
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
    return settings.INSIGHTS_MIN_PEOPLE


def active_user_ids(*, start: datetime, end: datetime) -> set[int]:
    """People who used Ruche on a day that [start, end) touches (activity is kept by day)."""
    days = ActivityDay.objects.filter(
        day__gte=timezone.localdate(start),
        day__lte=timezone.localdate(end - timedelta(microseconds=1)),
    )
    return set(days.values_list("user_id", flat=True).distinct())


def teams_large_enough() -> list[Team]:
    """Teams with at least the floor of active people (sub-teams included): they get KPIs."""
    per_team = Counter(active_member_teams().values())
    teams = list(Team.objects.all())
    below = team_descendants_map([team.pk for team in teams])
    return [team for team in teams if sum(per_team[t] for t in below[team.pk]) >= floor()]


# --- KPI dashboard -----------------------------------------------------------------------------


@dataclass
class KPIRow:
    code: str
    label: str
    unit: str
    higher_is_better: bool
    target: float
    points: list[tuple[date, float | None]] = field(default_factory=list)

    @property
    def unit_label(self) -> str:
        return str(UNIT_LABELS[self.unit])

    @property
    def latest(self) -> float | None:
        values = [value for _week, value in self.points if value is not None]
        return values[-1] if values else None

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
            kpi = KPIS[target.kpi]
            points = [
                (week, value)
                for week, value in series[target.kpi]
                if monday_of(objective.starts_on) <= week <= objective.ends_on
            ]
            rows.append(
                KPIRow(kpi.code, kpi.label, kpi.unit, kpi.higher_is_better, target.target, points)
            )
        board.append((objective, rows))
    return board


# --- Manager dashboard -------------------------------------------------------------------------


def _figures(user_ids: set[int], data: dict) -> dict:
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


def team_dashboard(team: Team, *, days: int) -> dict | None:
    """Participation, ideas and outcomes, kudos and pending must-reads of a team and below.

    None when the team has fewer than the floor of people. Sub-teams under the floor are
    not shown on their own: they are added up into one "smaller sub-teams" row when that
    row reaches the floor, and are always counted in the team's total. A fixed number of
    queries whatever the team's size.
    """
    from ideas.selectors.insights import ideas_submitted
    from insights.kpis import contributor_ids
    from news.selectors.insights import live_must_reads, must_read_coverage
    from people.selectors import kudos_flows

    group = group_for(team)
    members = set(group.members)
    if len(members) < floor():
        return None
    end = timezone.now()
    start = end - timedelta(days=days)
    data = {
        "contributors": contributor_ids(start, end, members),
        "active": active_user_ids(start=end - timedelta(days=6), end=end),
        "ideas": ideas_submitted(start=start, end=end, author_ids=members),
        "kudos": kudos_flows(start=start, end=end, user_ids=members),
    }
    total = _figures(members, data)
    children = list(Team.objects.filter(parent=team).order_by("name"))
    below = team_descendants_map([child.pk for child in children])
    by_team = defaultdict(set)
    for user_id, team_id in group.members.items():
        by_team[team_id].add(user_id)
    subteams, smaller = [], set()
    for child in children:
        people = set().union(*(by_team[t] for t in below[child.pk]))
        if len(people) >= floor():
            subteams.append((child.name, _figures(people, data)))
        else:
            smaller |= people
    if len(smaller) >= floor():
        subteams.append((None, _figures(smaller, data)))
    must_reads = [
        {
            "title": row["page"].title,
            "due": row["page"].must_read_due,
            "addressed": len(row["addressed"]),
            "acknowledged": len(row["acknowledged"]),
            "pending": len(row["addressed"]) - len(row["acknowledged"]),
        }
        for row in must_read_coverage(live_must_reads(), members)
        if len(row["addressed"]) >= floor()
    ]
    return {"total": total, "subteams": subteams, "must_reads": must_reads}
