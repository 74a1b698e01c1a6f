"""The demo organisation: a French company of about 300 people in 25 teams four levels deep
(direction → divisions → departments → teams), as `team` and `person` lines of the import
format (DESIGN.md §2).

The named people (the demo logins and the colleagues the hand-written content mentions) keep
their keys and sit where the story needs them; everyone else is drawn from the `people` part
of the calendar's seed, so that the same seed always gives the same colleagues.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from intranet.demo.calendar import DemoCalendar
from intranet.demo.org_people import (
    ENGLISH_BIOS,
    ENGLISH_FEMININE_FIRST_NAMES,
    ENGLISH_MASCULINE_FIRST_NAMES,
    ENGLISH_TITLES,
    FEMININE_FIRST_NAMES,
    FEMININE_TITLE_WORDS,
    FRENCH_BIO_CLOSINGS,
    FRENCH_BIO_OPENINGS,
    LAST_NAMES,
    MASCULINE_FIRST_NAMES,
    NAMED_PEOPLE,
    SHARED_SKILLS,
)
from intranet.demo.org_teams import TEAMS

EMAIL_DOMAIN = "demo.ruche.example"
GENERATED_KEY = "demo-p-g{:03d}"
OTHER_LANGUAGES = ["anglais", "espagnol", "allemand", "italien", "arabe", "portugais", "chinois"]


@dataclass(frozen=True)
class TeamSpec:
    key: str
    name: str
    parent: str | None
    description: str
    size: int  # people in the team, its head included
    head_title: str
    titles: tuple[str, ...]
    skills: tuple[str, ...]
    location: str


def team_specs() -> list[TeamSpec]:
    """The 25 teams, parents before children."""
    return [TeamSpec(**spec) for spec in TEAMS]


def ascii_slug(text: str) -> str:
    """`Éloïse Le Gall` → `eloise-le-gall`, for email addresses."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in folded.lower()).split())


def _team_heads(specs: list[TeamSpec]) -> dict[str, str]:
    """The person key at the head of each team: a named head where the story has one."""
    heads = {row["team"]: key for key, row in NAMED_PEOPLE.items() if row.get("head")}
    return heads


def organisation_rows(calendar: DemoCalendar) -> list[dict[str, Any]]:
    """Every `team` and `person` line of the demo organisation."""
    chance = calendar.for_part("people").rng
    specs = team_specs()
    by_key = {spec.key: spec for spec in specs}
    rows: list[dict[str, Any]] = [
        {
            "kind": "team",
            "key": spec.key,
            "name": spec.name,
            "description": spec.description,
            **({"parent": spec.parent} if spec.parent else {}),
        }
        for spec in specs
    ]
    heads = _team_heads(specs)
    members: dict[str, list[str]] = {spec.key: [] for spec in specs}
    for key, named in NAMED_PEOPLE.items():
        members[named["team"]].append(key)

    people: list[dict[str, Any]] = []
    used_emails = {named["email"] for named in NAMED_PEOPLE.values()}
    number = 0
    for spec in specs:
        while len(members[spec.key]) < spec.size:
            number += 1
            key = GENERATED_KEY.format(number)
            is_head = spec.key not in heads
            person = _generated_person(key, spec, chance, used_emails, is_head=is_head)
            if is_head:
                heads[spec.key] = key
            members[spec.key].append(key)
            people.append(person)
    for key, named in NAMED_PEOPLE.items():
        person = {k: v for k, v in named.items() if k != "head"}
        people.append({"kind": "person", "key": key, **person})

    for person in people:
        person["manager"] = _manager_of(person["key"], person["team"], heads, by_key)
        if person["manager"] is None:
            del person["manager"]
    rows.extend(sorted(people, key=lambda row: row["key"]))
    return rows


def _manager_of(
    key: str, team: str, heads: dict[str, str], by_key: dict[str, TeamSpec]
) -> str | None:
    """A member reports to their team's head, a head to the head of the team above."""
    if heads[team] != key:
        return heads[team]
    parent = by_key[team].parent
    return heads[parent] if parent else None


def _generated_person(
    key: str, spec: TeamSpec, chance, used_emails: set[str], *, is_head: bool
) -> dict[str, Any]:
    english = chance.random() < 0.08  # a few colleagues who write in English
    feminine = chance.random() < 0.5
    if english:
        names = ENGLISH_FEMININE_FIRST_NAMES if feminine else ENGLISH_MASCULINE_FIRST_NAMES
    else:
        names = FEMININE_FIRST_NAMES if feminine else MASCULINE_FIRST_NAMES
    first_name = chance.choice(names)
    last_name = chance.choice(LAST_NAMES)
    base = f"{ascii_slug(first_name)}.{ascii_slug(last_name)}"
    email, suffix = f"{base}@{EMAIL_DOMAIN}", 1
    while email in used_emails:
        suffix += 1
        email = f"{base}{suffix}@{EMAIL_DOMAIN}"
    used_emails.add(email)
    if is_head:
        title = spec.head_title
    elif english:
        title = chance.choice(ENGLISH_TITLES)
    else:
        title = chance.choice(spec.titles)
    title = in_agreement(title, feminine=feminine)
    skills = chance.sample(spec.skills, k=min(len(spec.skills), chance.randint(2, 4)))
    skills += chance.sample(SHARED_SKILLS, k=chance.randint(0, 2))
    languages = ["anglais", "français"] if english else ["français"]
    languages += chance.sample(OTHER_LANGUAGES, k=chance.choice([0, 0, 1, 1, 2]))
    location = spec.location if chance.random() < 0.8 else chance.choice(LOCATIONS)
    person: dict[str, Any] = {
        "kind": "person",
        "key": key,
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
        "job_title": title,
        "team": spec.key,
        "skills": sorted(set(skills)),
        "languages": sorted(set(languages)),
        "location": location,
    }
    if chance.random() < 0.7:
        person["bio"] = _bio(
            chance, english=english, feminine=feminine, skill=skills[0], team=spec.name
        )
    return person


LOCATIONS = ["Paris", "Lyon", "Nantes", "Marseille", "Lille", "Bordeaux", "Strasbourg", "Roissy"]


def _bio(chance, *, english: bool, feminine: bool, skill: str, team: str) -> str:
    if english:
        return str(chance.choice(ENGLISH_BIOS).format(skill=skill, team=team))
    years = chance.randint(1, 22)
    e = "e" if feminine else ""
    opening = chance.choice(FRENCH_BIO_OPENINGS).format(
        years=years, an="an" if years == 1 else "ans", team=team, e=e
    )
    return f"{opening} {chance.choice(FRENCH_BIO_CLOSINGS).format(skill=skill, e=e)}"


def in_agreement(title: str, *, feminine: bool) -> str:
    """The title with its first word in the form that agrees with the person's name:
    `Technicien support` for Marc, `Technicienne support` for Lucie."""
    first, _space, rest = title.partition(" ")
    masculine = {f: m for m, f in FEMININE_TITLE_WORDS.items()}
    word = FEMININE_TITLE_WORDS.get(first, first) if feminine else masculine.get(first, first)
    return f"{word} {rest}".strip()
