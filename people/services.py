"""Every write about people, teams and kudos goes through these functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import APIToken

from core.images import renditions_in_background
from people.models import Kudos, OrganisationValue, Profile, Team
from people.selectors import manager_chain_ids, team_ancestor_ids
from people.tasks import notify_kudos

RESERVED_USERNAMES = {"teams", "me", "values", "org-chart", "guests"}


def create_profile(*, user: User) -> Profile:
    """The empty profile of a user who has just been created."""
    return Profile.objects.create(user=user)


def username_base(email: str) -> str:
    """What a username made from this email starts with: its local part, in plain ASCII."""
    local = unicodedata.normalize("NFKD", email.split("@", 1)[0]).encode("ascii", "ignore")
    base = re.sub(r"[^a-z0-9._-]+", "", local.decode().lower()).strip("._-")[:140] or "person"
    return f"{base}.person" if base in RESERVED_USERNAMES else base


def first_free_username(base: str, taken: set[str]) -> str:
    username, suffix = base, 2
    while username in taken:
        username, suffix = f"{base}{suffix}", suffix + 1
    return username


def unique_username(*, email: str, exclude_user_id: int | None = None) -> str:
    """A stable username from the email's local part, suffixed when already taken."""
    base = username_base(email)
    taken = set(
        User.objects.filter(username__startswith=base)
        .exclude(pk=exclude_user_id)  # type: ignore[misc]  # pk=None is IS NULL to Django
        .values_list("username", flat=True)
    )
    return first_free_username(base, taken)


def check_manager(*, profile: Profile, manager: Profile | None) -> None:
    """Refuse a manager that would make the reporting line loop back to this person."""
    if manager is None or profile.pk is None:
        return
    if manager.pk == profile.pk:
        raise ValidationError(_("A person cannot be their own manager."))
    if profile.pk in manager_chain_ids(manager.pk):
        raise ValidationError(
            _("%(manager)s reports to %(person)s already: this would form a cycle."),
            params={"manager": manager, "person": profile},
        )


def check_team_parent(*, team: Team, parent: Team | None) -> None:
    """Refuse a parent team that is the team itself or one of its sub-teams."""
    if parent is None or team.pk is None:
        return
    if team.pk in team_ancestor_ids(parent.pk):
        raise ValidationError(
            _("%(parent)s is inside %(team)s already: this would form a cycle."),
            params={"parent": parent, "team": team},
        )


def unique_team_slug(*, name: str, team: Team | None = None) -> str:
    base = slugify(name)[:200] or "team"
    taken = set(
        Team.objects.filter(slug__startswith=base)
        .exclude(pk=getattr(team, "pk", None))  # type: ignore[misc]  # None: IS NULL
        .values_list("slug", flat=True)
    )
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def update_profile(
    *,
    profile: Profile,
    job_title: str,
    location: str,
    phone: str,
    bio: str,
    skills: Iterable[str],
    languages: Iterable[str],
    team: Team | None = None,
    manager: Profile | None = None,
    set_organisation: bool = False,
) -> Profile:
    """Save what a person (or HR) changed, and count it as a confirmation of the profile.

    `team` and `manager` are only changed when `set_organisation` is true (HR's edits).
    """
    profile.job_title = job_title.strip()
    profile.location = location.strip()
    profile.phone = phone.strip()
    profile.bio = bio.strip()
    if set_organisation:
        check_manager(profile=profile, manager=manager)
        profile.team = team
        profile.manager = manager
    profile.confirmed_at = timezone.now()
    profile.full_clean(exclude=["user", "photo"])
    profile.save()
    profile.skills.set(sorted({s.strip() for s in skills if s.strip()}))
    profile.languages.set(sorted({s.strip() for s in languages if s.strip()}))
    return profile


@transaction.atomic
def set_consents(
    *, profile: Profile, consents_to_be_highlighted: bool, is_ambassador: bool
) -> Profile:
    """Record the person's own choices: whether leadership's monthly recognition post may
    name them, and whether communicators see them as an ambassador. Only the person sets
    these (the profile form shows them on one's own profile only)."""
    profile.consents_to_be_highlighted = consents_to_be_highlighted
    profile.is_ambassador = is_ambassador
    profile.save(update_fields=["consents_to_be_highlighted", "is_ambassador"])
    return profile


@transaction.atomic
def set_profile_photo(*, profile: Profile, image_file: UploadedFile) -> Profile:
    """Store an uploaded photo as a Wagtail image and show it on the profile."""
    image = get_image_model()(title=profile.full_name, file=image_file)
    image.save()
    profile.photo = image
    profile.save(update_fields=["photo"])
    renditions_in_background(image.pk, "avatar", "portrait")
    return profile


@transaction.atomic
def confirm_profile(*, profile: Profile) -> Profile:
    """The person says their profile is still right."""
    profile.confirmed_at = timezone.now()
    profile.save(update_fields=["confirmed_at"])
    return profile


@transaction.atomic
def end_access(*, user_ids: Iterable[int]) -> None:
    """End every session of these people and revoke their API tokens.

    A session opened before now is refused from its next request (`people.middleware`), even
    if the person is reactivated later; their tokens stay revoked (new ones must be issued).
    Called whenever someone is deactivated, whichever way.
    """
    user_ids = list(user_ids)
    now = timezone.now()
    Profile.objects.filter(user_id__in=user_ids).update(sessions_ended_at=now)
    APIToken.objects.filter(user_id__in=user_ids, revoked_at__isnull=True).update(revoked_at=now)


@transaction.atomic
def deactivate_profile(*, profile: Profile) -> Profile:
    """Someone left: their profile stays (kudos, history) but drops out of lists and search.

    Their account is disabled too, so they can no longer sign in, and their sessions and API
    tokens end at once.
    """
    profile.deactivated_at = profile.deactivated_at or timezone.now()
    profile.save(update_fields=["deactivated_at"])
    User.objects.filter(pk=profile.user_id).update(is_active=False)
    end_access(user_ids=[profile.user_id])
    profile.refresh_from_db(fields=["sessions_ended_at"])
    return profile


@transaction.atomic
def reactivate_profile(*, profile: Profile) -> Profile:
    """Someone came back (or was deactivated by mistake). They sign in again; the sessions and
    tokens they had before stay ended."""
    profile.deactivated_at = None
    profile.save(update_fields=["deactivated_at"])
    User.objects.filter(pk=profile.user_id).update(is_active=True)
    return profile


@transaction.atomic
def give_kudos(
    *, sender: User, recipient: Profile, value: OrganisationValue, message: str
) -> Kudos:
    """Thank a colleague publicly; the recipient and their manager are told by email."""
    message = message.strip()
    if not message:
        raise ValidationError(_("Say what you are thanking them for."))
    if recipient.user_id == sender.pk:
        raise ValidationError(_("You cannot thank yourself."))
    if not recipient.is_active:
        raise ValidationError(_("This person has left the organisation."))
    if not value.active:
        raise ValidationError(_("This value is no longer offered."))
    kudos = Kudos(sender=sender, recipient=recipient, value=value, message=message)
    kudos.full_clean()
    kudos.save()
    notify_kudos.enqueue(kudos.pk)
    return kudos
