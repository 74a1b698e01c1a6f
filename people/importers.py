"""The `team` and `person` import kinds (DESIGN.md §2): HR feeds Ruche from its own system.

`person` also accepts [`active`: true or false]: false deactivates someone who left (out of
lists and search, sessions and API tokens ended), true brings them back; absent changes
nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Value
from django.utils import translation
from taggit.models import Tag

from core.findable import request_reindex
from core.importing import ImportKind, ImportRowError, register
from core.importing.images import image_from_row
from core.models import ExternalKey
from core.text import (
    BIO_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)
from people.models import LanguageTag, Profile, SkillTag, Team
from people.services import (
    check_manager,
    check_team_parent,
    deactivate_profile,
    first_free_username,
    reactivate_profile,
    unique_team_slug,
    username_base,
)

SYNC_BATCH = 500  # people indexed per background task after an import


def _cache(ctx, name: str) -> dict:
    """A per-run memo on the import context (teams are referred to by thousands of people)."""
    caches = ctx.__dict__.setdefault("_people_caches", {})
    return caches.setdefault(name, {})


class _Accounts:
    """Emails and usernames of every account, read once per import run (10,000 people
    would otherwise cost two queries each)."""

    def __init__(self) -> None:
        self.email_owner: dict[str, int] = {}
        self.email_of: dict[int, str] = {}
        self.usernames: set[str] = set()
        for pk, email, username in User.objects.values_list("pk", "email", "username"):
            self.usernames.add(username)
            if email:
                self.email_owner.setdefault(email.lower(), pk)
                self.email_of[pk] = email.lower()

    def saved(self, user: User) -> None:
        old = self.email_of.get(user.pk)
        if old and self.email_owner.get(old) == user.pk:
            del self.email_owner[old]
        self.email_owner[user.email.lower()] = user.pk
        self.email_of[user.pk] = user.email.lower()
        self.usernames.add(user.username)


def _pending_tags(ctx) -> list:
    return ctx.__dict__.setdefault("_people_pending_tags", [])


def _new_profile_ids(ctx) -> list[int]:
    return ctx.__dict__.setdefault("_people_new_profiles", [])


def _accounts(ctx) -> _Accounts:
    caches = ctx.__dict__.setdefault("_people_caches", {})
    if "accounts" not in caches:
        caches["accounts"] = _Accounts()
    return caches["accounts"]


def _first_error(error: ValidationError) -> str:
    # Import reports are in English, like every other message of `import_content`.
    with translation.override("en"):
        return "; ".join(str(message) for message in error.messages)


@register
class TeamKind(ImportKind):
    kind = "team"
    required = ("name",)
    references = {"parent": "team"}

    def import_row(self, row: dict[str, Any], ctx) -> tuple[Team, bool]:
        name = self.text(row, "name", required=True, max_length=TITLE_MAX_LENGTH, title=True)
        description = self.text(row, "description", max_length=DESCRIPTION_MAX_LENGTH)
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
        unchanged = not created and (team.name, team.description, team.parent_id) == (
            name,
            description,
            getattr(parent, "pk", None),
        )
        if not unchanged:  # saving reindexes every member: only when something changed
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
        first_name = self.text(
            row, "first_name", required=True, max_length=NAME_MAX_LENGTH, title=True
        )
        last_name = self.text(
            row, "last_name", required=True, max_length=NAME_MAX_LENGTH, title=True
        )
        email = self.text(row, "email", required=True).lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise ImportRowError(f"invalid email '{email}'") from error
        skills = self.string_list(row, "skills")
        languages = self.string_list(row, "languages")
        active = row.get("active")  # absent: HR's system does not say, nothing changes
        if active is not None and not isinstance(active, bool):
            raise ImportRowError("field 'active' must be true or false")
        team = self._team(row.get("team"), ctx)
        manager = self._person(row.get("manager"), ctx)

        accounts = _accounts(ctx)
        profile = _find_person(ctx, row["key"])
        created = profile is None  # a new key, even when it adopts an existing account
        user = profile.user if profile is not None else None
        owner_id = accounts.email_owner.get(email)
        if user is None and owner_id is not None:
            # An account that exists already (created by hand, or a demo login) is adopted.
            user = User.objects.get(pk=owner_id)
            if _has_person_key(user):
                raise ImportRowError(f"email '{email}' belongs to another imported person")
        elif user is not None and owner_id not in (None, user.pk):
            raise ImportRowError(f"email '{email}' belongs to another person")
        fields = {
            "job_title": self.text(row, "job_title", max_length=TITLE_MAX_LENGTH, title=True),
            "location": self.text(row, "location", max_length=TITLE_MAX_LENGTH),
            "bio": self.text(row, "bio", max_length=BIO_MAX_LENGTH),
            "team": team,
            "manager": manager,
        }
        new_user = user is None
        if new_user:
            user = User(username=first_free_username(username_base(email), accounts.usernames))
            user.set_unusable_password()
        assert user is not None  # found, adopted or new
        changed = (user.first_name, user.last_name, user.email) != (first_name, last_name, email)
        user.first_name, user.last_name, user.email = first_name, last_name, email
        if new_user:
            # Two INSERTs without signals: thousands of people are indexed in batches by
            # `finish`, instead of one background task each.
            User.objects.bulk_create([user])
            profile = Profile.objects.bulk_create([Profile(user=user, **fields)])[0]
            _new_profile_ids(ctx).append(profile.pk)
            accounts.saved(user)
        elif changed:
            user.save()
            accounts.saved(user)
        if not new_user:
            profile = profile or Profile.objects.filter(user=user).first() or Profile(user=user)
            if manager is not None and profile.pk is not None:
                try:
                    check_manager(profile=profile, manager=manager)
                except ValidationError as error:
                    raise ImportRowError(_first_error(error)) from error
            if profile.pk is None or _differs(profile, fields):
                for name, value in fields.items():
                    setattr(profile, name, value)
                profile.save()
        assert profile is not None  # created above, or found
        if row.get("photo"):
            current = profile.photo if profile.photo_id else None
            photo = image_from_row(
                row, f"{first_name} {last_name}", ctx.base_dir, field="photo", current=current
            )
            if photo is not None and photo.image.pk != profile.photo_id:
                Profile.objects.filter(pk=profile.pk).update(photo=photo.image)
                profile.photo = photo.image
        if new_user:
            # A new profile has no tags yet: they are inserted in bulk by `finish`.
            pending = _pending_tags(ctx)
            pending.extend(SkillTag(content_object=profile, tag=tag) for tag in _tags(ctx, skills))
            pending.extend(
                LanguageTag(content_object=profile, tag=tag) for tag in _tags(ctx, languages)
            )
        elif _flush_pending_tags(ctx, profile) | _set_tags(ctx, profile, skills, languages):
            _new_profile_ids(ctx).append(profile.pk)  # tags send no save signal: index later
        if active is False and profile.is_active:
            # Someone who left: out of lists and search, sessions and API tokens ended.
            deactivate_profile(profile=profile)
            user.is_active = False
        elif active is True and not profile.is_active:
            reactivate_profile(profile=profile)
            user.is_active = True
        _cache(ctx, "person")[row["key"]] = profile
        return profile, created

    def finish(self, ctx) -> None:
        """Add the new people's skills and languages, in bulk, then index the people this run
        created (or whose tags changed), 500 to a background task."""
        pending = _pending_tags(ctx)
        # A line that failed after its profile was prepared left rows for nobody: skip them.
        kept = set(
            Profile.objects.filter(pk__in={row.content_object_id for row in pending}).values_list(
                "pk", flat=True
            )
        )
        for model in (SkillTag, LanguageTag):
            model.objects.bulk_create(
                [r for r in pending if isinstance(r, model) and r.content_object_id in kept], 2000
            )
        pending.clear()
        ids = [str(pk) for pk in sorted(set(_new_profile_ids(ctx)))]
        for start in range(0, len(ids), SYNC_BATCH):
            request_reindex("person", ids[start : start + SYNC_BATCH])

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


def _differs(profile: Profile, fields: dict[str, Any]) -> bool:
    """Whether the line changes the profile (related objects compared by id: no query)."""
    for name, value in fields.items():
        if name in ("team", "manager"):
            if getattr(profile, f"{name}_id") != (value.pk if value is not None else None):
                return True
        elif getattr(profile, name) != value:
            return True
    return False


def _flush_pending_tags(ctx, profile: Profile) -> bool:
    """The same person twice in one run: their first line's tags are inserted now."""
    pending = _pending_tags(ctx)
    mine = [row for row in pending if row.content_object_id == profile.pk]
    if not mine:
        return False
    pending[:] = [row for row in pending if row.content_object_id != profile.pk]
    for model in (SkillTag, LanguageTag):
        model.objects.bulk_create([row for row in mine if isinstance(row, model)])
    return True


def _set_tags(ctx, profile: Profile, skills: list[str], languages: list[str]) -> bool:
    """Replace an existing profile's skills and languages (read in one query); returns
    whether they changed."""
    skill_rows = SkillTag.objects.filter(content_object=profile)
    language_rows = LanguageTag.objects.filter(content_object=profile)
    current: dict[str, set[str]] = {"s": set(), "l": set()}
    for which, name in (
        skill_rows.annotate(which=Value("s"))
        .values_list("which", "tag__name")
        .union(language_rows.annotate(which=Value("l")).values_list("which", "tag__name"), all=True)
    ):
        current[which].add(name)
    changed = False
    for which, rows, through, names in (
        ("s", skill_rows, SkillTag, skills),
        ("l", language_rows, LanguageTag, languages),
    ):
        if current[which] == set(names):
            continue
        rows.delete()
        through.objects.bulk_create(
            [through(content_object=profile, tag=tag) for tag in _tags(ctx, names)]
        )
        changed = True
    return changed


def _find_person(ctx, key: str) -> Profile | None:
    """The profile imported under this key, with its account, in one query (or none).

    The profile ids of every stored person key are read once per run.
    """
    caches = ctx.__dict__.setdefault("_people_caches", {})
    if "person_ids" not in caches:
        caches["person_ids"] = dict(
            ExternalKey.objects.filter(kind="person").values_list("key", "object_id")
        )
    object_id = caches["person_ids"].get(key)
    if object_id is None:
        return ctx.find("person", key)  # stored during this run (or by another one)
    return Profile.objects.select_related("user").filter(pk=int(object_id)).first()


def _tags(ctx, names) -> list[Tag]:
    """The tags of these names, created if need be; each is looked up once per run."""
    known = _cache(ctx, "tag")
    missing = set(names) - known.keys()
    if missing:
        for tag in Tag.objects.filter(name__in=missing):
            known[tag.name] = tag
        for name in sorted(missing - known.keys()):
            known[name] = Tag.objects.get_or_create(name=name)[0]
    return [known[name] for name in sorted(set(names))]
