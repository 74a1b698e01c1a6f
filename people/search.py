"""People and teams in the unified search (core.findable contract)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse

from core.findable import (
    SearchDocument,
    SearchKind,
    Thumbnail,
    cover_thumbnails,
    prefetched,
    register,
    related,
)
from core.keys import import_key, with_import_key
from people.models import Profile, Team
from people.selectors import team_descendant_ids

COMPLETENESS_FIELDS = ("job_title", "team_id", "manager_id", "photo_id", "location", "phone", "bio")


def completeness(profile: Profile, skills: list[str], languages: list[str]) -> float:
    """How much of the profile is filled in, from 0 to 1."""
    filled = sum(bool(getattr(profile, name)) for name in COMPLETENESS_FIELDS)
    filled += bool(skills) + bool(languages) + bool(profile.confirmed_at)
    return filled / (len(COMPLETENESS_FIELDS) + 3)


def person_document(profile: Profile) -> SearchDocument | None:
    """Name, job title, team, skills and languages; None once the person has left."""
    if not profile.is_active:
        return None
    skills = sorted(tag.name for tag in related(profile, "skills"))
    languages = sorted(tag.name for tag in related(profile, "languages"))
    team = profile.team
    body = "\n".join(
        part
        for part in [
            profile.job_title,
            team.name if team else "",
            ", ".join(skills),
            ", ".join(languages),
            profile.location,
            profile.bio,
        ]
        if part
    )
    name = profile.full_name
    return SearchDocument(
        kind="person",
        object_id=str(profile.pk),
        title=name,
        url=reverse("people:profile", args=[profile.user.username]),
        body=body,
        key=import_key(profile, "person"),
        tags=skills + languages,
        teams=[team.name] if team else [],
        date=profile.confirmed_at,
        boost=round(1.0 + 0.5 * completeness(profile, skills, languages), 3),
        suggestions=[name, *([profile.job_title] if profile.job_title else [])],
    )


def team_document(team: Team) -> SearchDocument:
    parents: list[str] = []
    parent = team.parent
    while parent is not None and len(parents) < 20:
        parents.append(parent.name)
        parent = parent.parent
    return SearchDocument(
        kind="team",
        object_id=str(team.pk),
        title=team.name,
        url=reverse("people:team", args=[team.slug]),
        body="\n".join(part for part in [team.description, " › ".join(parents)] if part),
        key=import_key(team, "team"),
        teams=[team.name, *parents],
        suggestions=[team.name],
    )


def _sub_team_ids(team: Team) -> set[int]:
    return team_descendant_ids([team.pk]) - {team.pk}


register(
    SearchKind(
        kind="person",
        model=Profile,
        queryset=lambda: with_import_key(
            Profile.objects.active()
            .select_related("user", "team")
            .prefetch_related(prefetched("skills"), prefetched("languages")),
            "person",
        ),
        document=person_document,
        thumbnails=lambda user, ids: cover_thumbnails(
            Profile.objects.select_related("user"),
            ids,
            image="photo",
            shape="avatar",  # `{% photo %}` draws the avatar shape
            make=lambda profile: Thumbnail(person=profile),
        ),
        related={
            Team: lambda team: Profile.objects.filter(team=team),
            User: lambda user: Profile.objects.filter(user=user),
        },
    )
)
register(
    SearchKind(
        kind="team",
        model=Team,
        queryset=lambda: with_import_key(Team.objects.select_related("parent"), "team"),
        document=team_document,
        # A renamed or moved team changes the parent chain in its sub-teams' documents.
        related={Team: lambda team: Team.objects.filter(pk__in=_sub_team_ids(team))},
    )
)
