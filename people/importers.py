"""The `team` and `person` import kinds (DESIGN.md §2): HR feeds Ruche from its own system."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from intranet.importing import ImportKind, ImportRowError, register
from intranet.models import ExternalKey
from people.models import Profile, Team
from people.services import check_manager, check_team_parent, unique_team_slug, unique_username


def _cache(ctx, name: str) -> dict:
    """A per-run memo on the import context (teams are referred to by thousands of people)."""
    caches = ctx.__dict__.setdefault("_people_caches", {})
    return caches.setdefault(name, {})


def _first_error(error: ValidationError) -> str:
    return "; ".join(error.messages)


@register
class TeamKind(ImportKind):
    kind = "team"
    required = ("name",)
    references = {"parent": "team"}

    def import_row(self, row: dict[str, Any], ctx) -> tuple[Team, bool]:
        name = self.text(row, "name", required=True)
        description = self.text(row, "description")
        parent = ctx.resolve("team", row["parent"]) if row.get("parent") else None
        team = ctx.find("team", row["key"])
        created = team is None
        if created:
            team = Team(slug=unique_team_slug(name=name))
        else:
            try:
                check_team_parent(team=team, parent=parent)
            except ValidationError as error:
                raise ImportRowError(_first_error(error)) from error
            if team.name != name:
                team.slug = unique_team_slug(name=name, team=team)
        team.name, team.description, team.parent = name, description, parent
        team.full_clean()
        team.save()
        _cache(ctx, "team")[row["key"]] = team
        return team, created


@register
class PersonKind(ImportKind):
    kind = "person"
    required = ("first_name", "last_name", "email")
    references = {"team": "team", "manager": "person"}

    def import_row(self, row: dict[str, Any], ctx) -> tuple[Profile, bool]:
        first_name = self.text(row, "first_name", required=True)
        last_name = self.text(row, "last_name", required=True)
        email = self.text(row, "email", required=True).lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise ImportRowError(f"invalid email '{email}'") from error
        skills = self.string_list(row, "skills")
        languages = self.string_list(row, "languages")
        team = self._team(row.get("team"), ctx)
        manager = self._person(row.get("manager"), ctx)

        profile = ctx.find("person", row["key"])
        created = profile is None  # a new key, even when it adopts an existing account
        user = profile.user if profile is not None else None
        same_email = User.objects.filter(email__iexact=email).exclude(pk=getattr(user, "pk", None))
        if user is None:
            # An account that exists already (created by hand, or a demo login) is adopted.
            user = same_email.first()
            if user is not None and _has_person_key(user):
                raise ImportRowError(f"email '{email}' belongs to another imported person")
        elif same_email.exists():
            raise ImportRowError(f"email '{email}' belongs to another person")
        new_user = user is None
        if new_user:
            user = User(username=unique_username(email=email))
            user.set_unusable_password()
        changed = (user.first_name, user.last_name, user.email) != (first_name, last_name, email)
        user.first_name, user.last_name, user.email = first_name, last_name, email
        if new_user or changed:
            user.save()
        profile = profile or Profile.objects.filter(user=user).first() or Profile(user=user)

        if manager is not None and profile.pk is not None:
            try:
                check_manager(profile=profile, manager=manager)
            except ValidationError as error:
                raise ImportRowError(_first_error(error)) from error
        profile.job_title = self.text(row, "job_title")
        profile.location = self.text(row, "location")
        profile.bio = self.text(row, "bio")
        profile.team = team
        profile.manager = manager
        profile.save()
        _set_tags(profile.skills, skills, new_user)
        _set_tags(profile.languages, languages, new_user)
        _cache(ctx, "person")[row["key"]] = profile
        return profile, created

    def _person(self, key, ctx) -> Profile | None:
        if not key:
            return None
        people = _cache(ctx, "person")
        if key not in people:
            people[key] = ctx.resolve("person", key)
        return people[key]

    def _team(self, key, ctx) -> Team | None:
        if not key:
            return None
        teams = _cache(ctx, "team")
        if key not in teams:
            teams[key] = ctx.resolve("team", key)
        return teams[key]


def _has_person_key(user: User) -> bool:
    profile_id = Profile.objects.filter(user=user).values_list("pk", flat=True).first()
    return (
        profile_id is not None
        and ExternalKey.objects.filter(kind="person", object_id=str(profile_id)).exists()
    )


def _set_tags(manager, names: list[str], new_profile: bool) -> None:
    wanted = sorted(set(names))
    if new_profile and not wanted:
        return
    if not new_profile and sorted(tag.name for tag in manager.all()) == wanted:
        return
    manager.set(wanted)
