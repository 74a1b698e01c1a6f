from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase


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


class SkillTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "people.Profile", on_delete=models.CASCADE, related_name="skill_items"
    )


class LanguageTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "people.Profile", on_delete=models.CASCADE, related_name="language_items"
    )


class ProfileQuerySet(models.QuerySet):
    def active(self):
        """People who work here now: a deactivated profile never shows in lists or search."""
        return self.filter(user__is_active=True, deactivated_at__isnull=True)


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

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_active(self) -> bool:
        return self.user.is_active and self.deactivated_at is None
