"""Reads about teams and people that other apps rely on (audiences, permissions, search)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from core.images import renditions_prefetch
from people.manager_thanks import mark_manager_thanks
from people.models import Kudos, OrganisationValue, Profile, Team

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def _team_parents() -> dict[int, int | None]:
    # The whole tree is a few thousand rows at most: one query, walked in memory.
    return dict(Team.objects.values_list("id", "parent_id"))


def team_ancestor_ids(team_id: int) -> list[int]:
    """The team itself, then its parent, up to the top of the tree."""
    parents = _team_parents()
    chain: list[int] = []
    current: int | None = team_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def team_descendant_ids(team_ids: list[int]) -> set[int]:
    """The teams given and every team below them."""
    return _descendants(_children(), team_ids)


def team_descendants_map(team_ids: list[int]) -> dict[int, set[int]]:
    """For each team given: itself and every team below it, in one query for them all."""
    children = _children()
    return {team_id: _descendants(children, [team_id]) for team_id in team_ids}


def _children() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for team_id, parent_id in _team_parents().items():
        children[parent_id].append(team_id)
    return children


def _descendants(children: dict[int | None, list[int]], team_ids: list[int]) -> set[int]:
    found: set[int] = set()
    stack = list(team_ids)
    while stack:
        team_id = stack.pop()
        if team_id in found:
            continue
        found.add(team_id)
        stack.extend(children.get(team_id, []))
    return found


def audience_team_ids_for_user(user: User | AnonymousUser) -> list[int]:
    """Teams whose audience includes this user: their own team and the teams above it.

    Content addressed to a team reaches its sub-teams too, so a user matches an audience
    when any of these ids is in it.
    """
    if not user.is_authenticated:
        return []
    known: list[int] | None = getattr(user, "_ruche_audience_team_ids", None)
    if known is not None:
        return list(known)
    with connection.cursor() as cursor:
        cursor.execute(_AUDIENCE_CHAIN_SQL, [user.pk])
        chain = list(dict.fromkeys(row[0] for row in cursor.fetchall()))  # a cycle: once
    if hasattr(user, "is_guest_account"):
        # The reader of a request, loaded by people.auth.load_user for this request only:
        # several parts of a page ask, the database is asked once.
        cast(Any, user)._ruche_audience_team_ids = chain
    return list(chain)


# The reader's team, then its parent, up to the top of the tree, in one query (not the
# whole tree: an organisation of 50,000 people has thousands of teams). `depth` stops a
# cycle an import could have made.
_AUDIENCE_CHAIN_SQL = f"""
WITH RECURSIVE chain (id, parent_id, depth) AS (
    SELECT team.id, team.parent_id, 0
    FROM {Team._meta.db_table} team
    JOIN {Profile._meta.db_table} profile ON profile.team_id = team.id
    WHERE profile.user_id = %s
    UNION ALL
    SELECT team.id, team.parent_id, chain.depth + 1
    FROM {Team._meta.db_table} team JOIN chain ON team.id = chain.parent_id
    WHERE chain.depth < 100
)
SELECT id FROM chain ORDER BY depth
"""  # noqa: S608 - table names from the models, the user id a parameter


@dataclass
class TeamReach:
    team_id: int
    name: str
    count: int


@dataclass
class AudienceReach:
    """How many active employees an audience reaches: `total` counts each person once (a
    chosen team inside another is not counted twice); `teams` gives each chosen team's own
    count, its sub-teams included. No team: everyone, and `teams` is empty."""

    total: int
    teams: list[TeamReach] = field(default_factory=list)


def audience_reach(team_ids: Iterable[int]) -> AudienceReach:
    """Who content addressed to these teams reaches: the active people of these teams and of
    their sub-teams (guests and people who left excluded), everyone for no team. The same
    rule as `audience_team_ids_for_user`, seen from the audience's side. Two queries."""
    chosen = sorted(set(team_ids))
    people = Profile.objects.active()
    if not chosen:
        return AudienceReach(total=people.count())
    below = team_descendants_map(chosen)
    counts = dict(
        people.filter(team_id__in=set().union(*below.values()))
        .values_list("team_id")
        .annotate(n=Count("pk"))
        .values_list("team_id", "n")
    )
    names = dict(Team.objects.filter(pk__in=chosen).values_list("pk", "name"))
    teams = [
        TeamReach(team_id, names[team_id], sum(counts.get(t, 0) for t in below[team_id]))
        for team_id in chosen
        if team_id in names
    ]
    reached = set().union(*(below[t.team_id] for t in teams)) if teams else set()
    teams.sort(key=lambda reach: (-reach.count, reach.name))
    return AudienceReach(total=sum(counts.get(t, 0) for t in reached), teams=teams)


def team_tree() -> list[tuple[Team, int]]:
    """Every team in tree order (parents before their children, siblings by name), with its
    depth (0 at the top): what an audience picker lists. One query."""
    teams = list(Team.objects.only("id", "name", "parent_id").order_by("name"))
    ids = {team.pk for team in teams}
    children: dict[int | None, list[Team]] = defaultdict(list)
    for team in teams:
        children[team.parent_id if team.parent_id in ids else None].append(team)
    ordered: list[tuple[Team, int]] = []
    seen: set[int] = set()
    stack = [(team, 0) for team in reversed(children[None])]
    while stack:
        team, depth = stack.pop()
        if team.pk in seen:
            continue
        seen.add(team.pk)
        ordered.append((team, depth))
        stack.extend((child, depth + 1) for child in reversed(children[team.pk]))
    return ordered


# --- People -----------------------------------------------------------------------------------

HR_GROUP = "HR"
MAX_CHAIN = 100


def manager_chain_ids(profile_id: int) -> list[int]:
    """The managers above a person, nearest first, in one recursive query.

    The walk stops after MAX_CHAIN steps, so that even corrupt data cannot loop for ever.
    """
    table = connection.ops.quote_name(Profile._meta.db_table)
    sql = f"""
        WITH RECURSIVE chain(id, depth) AS (
            SELECT manager_id, 1 FROM {table} WHERE id = %s
            UNION ALL
            SELECT p.manager_id, c.depth + 1 FROM {table} p JOIN chain c ON p.id = c.id
            WHERE c.depth < %s
        )
        SELECT id FROM chain WHERE id IS NOT NULL ORDER BY depth
    """  # noqa: S608 - the table name comes from the model, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [profile_id, MAX_CHAIN])
        ids = [row[0] for row in cursor.fetchall()]
    seen: list[int] = []
    for manager_id in ids:
        if manager_id in seen:
            break
        seen.append(manager_id)
    return seen


# What `people.auth.load_user` annotates on the session's user: no query to know HR.
HR_MARK = "in_hr_group"


def in_hr_group_expression() -> Exists:
    """Whether the user (the outer row) is in the HR group, as an annotation."""
    return Exists(Group.objects.filter(user=OuterRef("pk"), name=HR_GROUP))


def is_hr(user: User | AnonymousUser) -> bool:
    """HR administrators (the HR group) and superusers edit anyone's profile; free for the
    session's user (annotated by `people.auth.load_user`), else one query."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    marked = getattr(user, HR_MARK, None)  # not __dict__: request.user is a lazy proxy
    if marked is not None:
        return bool(marked)
    return any(group.name == HR_GROUP for group in user.groups.all())


def can_edit_profile(user: User | AnonymousUser, profile: Profile) -> bool:
    return user.is_authenticated and (profile.user_id == user.pk or is_hr(user))


def profile_for_user(user: User) -> Profile:
    """The user's profile; users created before the people app get theirs on first use."""
    profile, _created = Profile.objects.select_related("user", "team").get_or_create(user=user)
    return profile


def people_with_details() -> QuerySet[Profile]:
    """Active profiles with what a list shows, in a constant number of queries."""
    return (
        Profile.objects.active()  # type: ignore[misc]  # the plugin cannot see taggit's managers
        .select_related("user", "team", "photo")
        .prefetch_related("skills", "languages", renditions_prefetch("photo", "avatar"))
    )


def directory(
    *,
    team: Team | None = None,
    location: str = "",
    skill: str = "",
    language: str = "",
    knows: str = "",
    sort: str = "name",
) -> QuerySet[Profile]:
    """The people directory: filters by team (with its sub-teams), place, skill, language.

    `knows` is "who knows X": people with a skill whose name contains X.
    """
    people = people_with_details()
    if team is not None:
        people = people.filter(team_id__in=team_descendant_ids([team.pk]))
    if location:
        people = people.filter(location__iexact=location)
    # Tags are matched in subqueries, so that "Python" and "python" never list someone twice.
    if skill:
        people = people.filter(
            pk__in=Profile.objects.filter(skills__name__iexact=skill).values("pk")
        )
    if language:
        people = people.filter(
            pk__in=Profile.objects.filter(languages__name__iexact=language).values("pk")
        )
    if knows:
        matching = Profile.objects.filter(skills__name__icontains=knows.strip()).values("pk")
        people = people.filter(pk__in=matching)
    return people.order_by(*SORTS.get(sort, SORTS["name"]))


SORTS = {
    "name": ("user__last_name", "user__first_name", "pk"),
    "-name": ("-user__last_name", "-user__first_name", "-pk"),
    "team": ("team__name", "user__last_name", "user__first_name", "pk"),
    "location": ("location", "user__last_name", "user__first_name", "pk"),
    "recent": ("-confirmed_at", "user__last_name", "pk"),
}


def directory_choices() -> dict[str, list[str]]:
    """Values offered by the directory's filters: places, skills and languages in use."""
    active = Profile.objects.active()
    return {
        "locations": list(
            active.exclude(location="")
            .order_by("location")
            .values_list("location", flat=True)
            .distinct()
        ),
        # DISTINCT in the database: one row per name, not one per person who has it (a
        # quarter of a million rows in an organisation of 50,000).
        "skills": sorted(
            active.filter(skills__isnull=False)
            .order_by()
            .values_list("skills__name", flat=True)
            .distinct(),
            key=str.casefold,
        ),
        "languages": sorted(
            active.filter(languages__isnull=False)
            .order_by()
            .values_list("languages__name", flat=True)
            .distinct(),
            key=str.casefold,
        ),
    }


def _with_photo(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """What an org chart node shows: name, title, team and photo, whatever the number."""
    return profiles.select_related("user", "team", "photo").prefetch_related(
        renditions_prefetch("photo", "avatar")
    )


def manager_chain(profile: Profile) -> list[Profile]:
    """The person's managers, from the top of the organisation down to their own manager."""
    ids = manager_chain_ids(profile.pk)
    found = {p.pk: p for p in _with_photo(Profile.objects.filter(pk__in=ids))}
    return [found[pk] for pk in reversed(ids) if pk in found]


def direct_reports(profile: Profile) -> QuerySet[Profile]:
    return people_with_details().filter(manager=profile)


def peers(profile: Profile, *, limit: int) -> tuple[list[Profile], bool]:
    """Up to `limit` active colleagues who share this person's manager, by name, and whether
    there are more (the org chart links to the manager's chart for the whole level)."""
    if profile.manager_id is None:
        return [], False
    found = list(
        _with_photo(
            Profile.objects.active().filter(manager_id=profile.manager_id).exclude(pk=profile.pk)
        ).order_by("user__last_name", "user__first_name", "pk")[: limit + 1]
    )
    return found[:limit], len(found) > limit


def kudos_ids_visible_to(user: User | AnonymousUser, ids: set[int]) -> set[int]:
    """Of these kudos ids, those still there (kudos are public to every employee)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return set(Kudos.objects.filter(pk__in=ids).values_list("pk", flat=True))


def recent_kudos(
    *, recipient: Profile | None = None, team: Team | None = None, limit: int = 10
) -> list[Kudos]:
    """The latest thank-yous received by a person or by the members of a team, each with
    `from_manager` (given by a manager of the recipient: `people.manager_thanks`)."""
    kudos = Kudos.objects.select_related("sender__profile", "recipient__user", "value")
    if recipient is not None:
        kudos = kudos.filter(recipient=recipient)
    if team is not None:
        kudos = kudos.filter(recipient__team=team, recipient__deactivated_at__isnull=True)
    return mark_manager_thanks(kudos[:limit])


def team_chain(team: Team) -> list[Team]:
    """The teams above this one, from the top down, not including it."""
    ids = team_ancestor_ids(team.pk)[1:]
    found = Team.objects.in_bulk(ids)
    return [found[pk] for pk in reversed(ids) if pk in found]


def team_members(team: Team) -> tuple[list[Profile], list[Profile]]:
    """(leaders, other members) of a team, in one query whatever its size.

    A leader manages someone in the team and reports to someone outside it.
    """
    members = list(people_with_details().filter(team=team).order_by(*SORTS["name"]))
    member_ids = {member.pk for member in members}
    managers_inside = {member.manager_id for member in members}
    leaders = [m for m in members if m.pk in managers_inside and m.manager_id not in member_ids]
    return leaders, [m for m in members if m not in leaders]


def teams_with_counts() -> QuerySet[Team]:
    active = Q(members__deactivated_at__isnull=True, members__user__is_active=True)
    return Team.objects.annotate(member_count=Count("members", filter=active)).select_related(
        "parent"
    )


# --- For the insights app ---------------------------------------------------------------------


def active_member_teams(team_ids: list[int] | None = None) -> dict[int, int | None]:
    """{user id: team id} of active people, in these teams and below (everyone when None)."""
    people = Profile.objects.active()
    if team_ids is not None:
        people = people.filter(team_id__in=team_descendant_ids(team_ids))
    return dict(people.values_list("user_id", "team_id"))


def kudos_flows(
    *, start: datetime, end: datetime, user_ids: Iterable[int] | None = None
) -> list[tuple[int, int]]:
    """(sender user id, recipient user id) of the kudos given in [start, end).

    With `user_ids`, only kudos sent or received by one of these people.
    """
    kudos = Kudos.objects.filter(created_at__gte=start, created_at__lt=end)
    if user_ids is not None:
        ids = list(user_ids)
        kudos = kudos.filter(Q(sender_id__in=ids) | Q(recipient__user_id__in=ids))
    return list(kudos.values_list("sender_id", "recipient__user_id"))


def manages_a_team_expression() -> Exists:
    """Over users: they manage at least one active person who has a team, i.e. they have
    teams in `managed_team_ids`. Annotated on the signed-in user as `manages_team`."""
    return Exists(Profile.objects.active().filter(manager__user=OuterRef("pk"), team__isnull=False))


def manages_a_team(user: User | AnonymousUser) -> bool:
    """Whether this person manages a team; no query when the user was loaded with the
    `manages_team` annotation (`people.auth`), one EXISTS otherwise."""
    if not getattr(user, "is_authenticated", False):
        return False
    known = getattr(user, "manages_team", None)
    if known is None:
        signed_in = cast("User", user)  # is_authenticated above
        known = (
            Profile.objects.active().filter(manager__user=signed_in, team__isnull=False).exists()
        )
        cast(Any, user).manages_team = known  # as the annotation would have
    return known


def managed_team_ids(user: User | AnonymousUser) -> set[int]:
    """Teams a person manages: those of their direct reports, and every team below them."""
    if not user.is_authenticated:
        return set()
    report_teams = list(
        Profile.objects.active()
        .filter(manager__user=user, team__isnull=False)
        .values_list("team_id", flat=True)
        .distinct()
    )
    return team_descendant_ids(report_teams) if report_teams else set()


def kudos_given(
    *, start: datetime, end: datetime, sender_ids: Iterable[int] | None = None
) -> list[dict[str, Any]]:
    """Kudos given in [start, end), by these people (everyone when None), in one query.

    Each row: sender_id, sender_team_id, recipient_team_id (None without a team), value_id.
    """
    kudos = Kudos.objects.filter(created_at__gte=start, created_at__lt=end)
    if sender_ids is not None:
        kudos = kudos.filter(sender_id__in=list(sender_ids))
    rows = kudos.values(
        "sender_id",
        "value_id",
        sender_team_id=F("sender__profile__team_id"),
        recipient_team_id=F("recipient__team_id"),
    )
    return [dict(row) for row in rows]


def offered_value_ids() -> set[int]:
    """The organisation values people may currently give kudos for."""
    return set(OrganisationValue.objects.filter(active=True).values_list("pk", flat=True))
