"""Teams and people of bench/scale.py, bulk-created (an HR import would make the same rows).

The organisation is a function of its size, so that a larger one is a superset of a smaller:
team `t` sits under team `(t - 1) // 4` (500 teams: six levels deep), person `n` joins team
`n % teams` of the size at which they were hired, and every person's manager is their team's
leader, or for a leader the leader of the team above. A person's manager always has a smaller
number than them, so one pass in order builds the tree. Each person also gets an external
key (`person`, `p-<n>`), as `import_content` would have given them, so that content lines can
name them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# The same words and names as the pages bench's world, so both read alike.
from bench._pages_data import FIRST, LAST, WORDS

SKILLS = "Python Java SQL Excel Rust Kotlin SAP Figma Docker Linux Power-BI Tableau".split()
SITES = ["Lyon", "Paris La Défense", "Nantes", "Toulouse", "Lille", "Télétravail"]
LANGUAGES = ["français", "anglais", "espagnol", "allemand", "italien", "arabe"]
BATCH = 5000


def parent_of(team: int) -> int | None:
    return None if team == 0 else (team - 1) // 4


def team_depth(team: int) -> int:
    depth = 0
    parent = parent_of(team)
    while parent is not None:
        depth, parent = depth + 1, parent_of(parent)
    return depth


@dataclass
class World:
    """What the measures need to know of the organisation built so far (ids by number)."""

    seed: int
    people: int = 0
    teams: int = 0
    team_ids: list[int] = field(default_factory=list)  # by team number
    user_ids: list[int] = field(default_factory=list)  # by person number
    profile_ids: list[int] = field(default_factory=list)
    team_of: list[int] = field(default_factory=list)  # person number → team number
    leader_of: dict[int, int] = field(default_factory=dict)  # team number → person number

    def rng(self, part: str) -> random.Random:
        return random.Random(f"{self.seed}-{part}-{self.people}")


def grow_teams(world: World, teams: int) -> None:
    from people.models import Team

    made = Team.objects.bulk_create(
        [
            Team(name=f"Équipe {t}", slug=f"equipe-{t}", description=f"L'équipe numéro {t}.")
            for t in range(world.teams, teams)
        ]
    )
    world.team_ids += [team.pk for team in made]
    parents = [(world.team_ids[t], world.team_ids[p]) for t in range(teams) if (p := parent_of(t))]
    _update_column(Team._meta.db_table, "parent_id", parents)
    world.teams = teams


def grow_people(world: World, people: int) -> None:
    """People `world.people` … `people - 1`, with users, profiles, skills, languages and keys."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag

    from core.models import ExternalKey
    from people.models import LanguageTag, Profile, SkillTag

    first, last = FIRST.split(), LAST.split()
    unusable = make_password(None)
    skill_tags = {name: Tag.objects.get_or_create(name=name)[0].pk for name in SKILLS + WORDS}
    language_tags = {name: Tag.objects.get_or_create(name=name)[0].pk for name in LANGUAGES}
    profile_type = ContentType.objects.get_for_model(Profile)
    start = world.people
    for low in range(start, people, BATCH):
        numbers = range(low, min(low + BATCH, people))
        rngs = {n: random.Random(f"{world.seed}-person-{n}") for n in numbers}
        users = User.objects.bulk_create(
            [
                User(
                    username=f"person{n}",
                    email=f"person{n}@scale.example",
                    first_name=rngs[n].choice(first),
                    last_name=f"{rngs[n].choice(last)}{n % 97}",
                    password=unusable,
                )
                for n in numbers
            ]
        )
        for n, user in zip(numbers, users, strict=True):
            team = n % world.teams
            world.team_of.append(team)
            world.leader_of.setdefault(team, n)
            world.user_ids.append(user.pk)
        profiles = Profile.objects.bulk_create(
            [
                Profile(
                    user_id=world.user_ids[n],
                    team_id=world.team_ids[world.team_of[n]],
                    job_title=rngs[n].choice(["Analyste", "Technicienne", "Responsable"]),
                    location=rngs[n].choice(SITES),
                    bio=" ".join(rngs[n].choices(WORDS, k=25)),
                )
                for n in numbers
            ]
        )
        world.profile_ids += [profile.pk for profile in profiles]
        SkillTag.objects.bulk_create(
            SkillTag(content_object_id=world.profile_ids[n], tag_id=skill_tags[name])
            for n in numbers
            for name in rngs[n].sample(SKILLS, 2) + rngs[n].sample(WORDS, 1)
        )
        LanguageTag.objects.bulk_create(
            LanguageTag(content_object_id=world.profile_ids[n], tag_id=language_tags[name])
            for n in numbers
            for name in rngs[n].sample(LANGUAGES, 2)
        )
        ExternalKey.objects.bulk_create(
            ExternalKey(
                kind="person",
                key=f"p-{n}",
                content_type=profile_type,
                object_id=str(world.profile_ids[n]),
            )
            for n in numbers
        )
    managers = [
        (world.profile_ids[n], world.profile_ids[boss])
        for n in range(start, people)
        if (boss := manager_of(world, n)) is not None
    ]
    _update_column(Profile._meta.db_table, "manager_id", managers)
    world.people = people


def manager_of(world: World, person: int) -> int | None:
    team = world.team_of[person]
    leader = world.leader_of[team]
    if leader != person:
        return leader
    parent = parent_of(team)
    return None if parent is None else world.leader_of[parent]


def _update_column(table: str, column: str, pairs: list[tuple[int, int]]) -> None:
    """Set `column` of the rows `(id, value)` in one statement per batch (ids and values as
    arrays: no SQL built from values)."""
    from django.db import connection

    sql = (
        f'UPDATE "{table}" AS t SET "{column}" = v.value '  # noqa: S608 - names from the models
        "FROM unnest(%s::bigint[], %s::bigint[]) AS v(id, value) WHERE t.id = v.id"
    )
    with connection.cursor() as cursor:
        for low in range(0, len(pairs), BATCH * 4):
            chunk = pairs[low : low + BATCH * 4]
            cursor.execute(sql, [[a for a, _ in chunk], [b for _, b in chunk]])


def copy_rows(table: str, columns: list[str], rows: list[tuple]) -> None:
    """Append rows to a table with PostgreSQL's COPY (CSV): several times faster than
    bulk_create for the hundreds of thousands of votes, comments and searches. Values are
    written as CSV, never as SQL; None is NULL."""
    import csv
    import io

    from django.db import connection

    for low in range(0, len(rows), BATCH * 20):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows[low : low + BATCH * 20]:
            writer.writerow(["\\N" if value is None else value for value in row])
        buffer.seek(0)
        names = ", ".join(f'"{column}"' for column in columns)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(
                f"COPY \"{table}\" ({names}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer
            )
