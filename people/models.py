import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from core.text import (
    BIO_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    check_length,
    check_title,
)


def _checked(checks: dict[str, tuple]) -> None:
    """Run `(check, value, *args)` per field; raise every problem under its field's name."""
    errors = {}
    for field, (check, *args) in checks.items():
        try:
            check(*args)
        except ValidationError as error:
            errors[field] = error.messages
    if errors:
        raise ValidationError(errors)


class Team(models.Model):
    """A team in the organisation's tree (a department, a unit, a squad)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The admin, the import and the services: a name without direction controls, a
        description of reasonable length (core/text.py)."""
        _checked(
            {
                "name": (check_title, self.name, TITLE_MAX_LENGTH),
                "description": (check_length, self.description, DESCRIPTION_MAX_LENGTH),
            }
        )


class SkillTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "people.Profile", on_delete=models.CASCADE, related_name="skill_items"
    )


class LanguageTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "people.Profile", on_delete=models.CASCADE, related_name="language_items"
    )


class ProfileQuerySet(models.QuerySet["Profile"]):
    def active(self) -> "ProfileQuerySet":
        """People who work here now: a deactivated profile never shows in lists or search,
        nor does a guest's (an outside expert invited into communities, see `people.guests`)."""
        return self.filter(user__is_active=True, deactivated_at__isnull=True, is_guest=False)


class Profile(models.Model):
    """What colleagues see of a person. Every user has one; people who leave are deactivated."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="direct_reports",
    )
    skills = TaggableManager(
        verbose_name=_("skills"), through=SkillTag, blank=True, related_name="skilled_profiles"
    )
    languages = TaggableManager(
        verbose_name=_("languages"),
        through=LanguageTag,
        blank=True,
        related_name="speaking_profiles",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    bio = models.TextField(_("bio"), blank=True)
    confirmed_at = models.DateTimeField(_("last confirmed at"), null=True, blank=True)
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)
    # Sessions opened before this moment are over (set when the person is deactivated).
    sessions_ended_at = models.DateTimeField(
        _("sessions ended at"), null=True, blank=True, editable=False
    )
    # Guests (people/guests.py): outside experts who reach only what apps open to them, until
    # the end of `guest_until` (their last day, in TIME_ZONE).
    is_guest = models.BooleanField(_("guest"), default=False, editable=False)
    guest_until = models.DateField(_("guest until"), null=True, blank=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True, editable=False)
    # The address a guest was invited with, normalised (lower case): one guest account per
    # address, even when two invitations of it arrive at the same instant (people/guests.py).
    guest_email = models.EmailField(_("guest email"), null=True, blank=True, editable=False)
    # Consents only the person gives, on their own profile (people.services.set_consents):
    # never named in a recognition post, never listed as an ambassador without them.
    consents_to_be_highlighted = models.BooleanField(
        _("may be named in recognition posts"), default=False
    )
    is_ambassador = models.BooleanField(_("ambassador"), default=False)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(Lower("guest_email"), name="people_one_guest_per_email")
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        _checked(
            {
                "job_title": (check_title, self.job_title, TITLE_MAX_LENGTH),
                "bio": (check_length, self.bio, BIO_MAX_LENGTH),
            }
        )

    @property
    def full_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_active(self) -> bool:
        return self.user.is_active and self.deactivated_at is None


class OrganisationValue(models.Model):
    """One of the organisation's values that a thank-you (kudos) is given for; editable."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered in new kudos"), default=True)

    class Meta:
        verbose_name = _("organisation value")
        verbose_name_plural = _("organisation values")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Kudos(models.Model):
    """A public thank-you from one colleague to another, for one of the organisation's values."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        related_name="kudos_given",
    )
    recipient = models.ForeignKey(
        Profile, verbose_name=_("to"), on_delete=models.CASCADE, related_name="kudos_received"
    )
    value = models.ForeignKey(
        OrganisationValue, verbose_name=_("value"), on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(_("message"), max_length=1000)
    created_at = models.DateTimeField(_("given at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("kudos")
        verbose_name_plural = _("kudos")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(message=""), name="kudos_message_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}: {self.value}"


class KudosNotification(models.Model):
    """Proof that a person was told about a kudos: the unique pair makes a retry send nothing."""

    class Role(models.TextChoices):
        RECIPIENT = "recipient", _("recipient")
        MANAGER = "manager", _("manager of the recipient")

    kudos = models.ForeignKey(Kudos, on_delete=models.CASCADE, related_name="notifications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kudos_notifications"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kudos notification")
        constraints = [
            models.UniqueConstraint(
                fields=["kudos", "user"], name="kudosnotification_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kudos_id} → {self.user_id} ({self.role})"


class GuestInvitation(models.Model):
    """An email inviting a guest to choose a password; its link works once, until `expires_at`.

    The link's token is never stored: it is an HMAC of `nonce` with the site's secret key
    (`people.guests.invitation_token`), and the row keeps its SHA-256 (`token_hash`) to find
    the invitation again. Reading the database alone gives no working link.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guest_invitations"
    )
    email = models.EmailField(_("email"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    welcome = models.TextField(_("welcome"), blank=True)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    nonce = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("guest invitation")
        verbose_name_plural = _("guest invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} ({self.created_at:%Y-%m-%d})"


INVITATION_TOKEN_SALT = "people.guests.invitation"  # noqa: S105 - a salt, not a secret


def invitation_token(invitation: GuestInvitation) -> str:
    """The token of the invitation's link: an HMAC of its nonce with the site's secret key
    (so a new SECRET_KEY, fallbacks apart, voids the links not used yet)."""
    return salted_hmac(INVITATION_TOKEN_SALT, invitation.nonce, algorithm="sha256").hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
