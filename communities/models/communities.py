"""A community, its members and animators, and the requests to join a closed one."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase


class Visibility(models.TextChoices):
    OPEN = "open", _("Open: anyone reads and joins")
    CLOSED = "closed", _("Closed: anyone sees it exists and asks to join; members read")
    SECRET = "secret", _("Secret: only members know it exists")


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    ANIMATOR = "animator", _("Animator")


class CommunityTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Community(models.Model):
    """A place where a team of practice, a site or a project talks, asks and answers.

    Who may see it and read it is decided in one place, `communities.selectors.access`.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.OPEN
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("As private as the community: shown only to those who may see it."),
    )
    cover_decorative = models.BooleanField(
        _("decorative image"),
        default=False,
        help_text=_("Tick if the image adds nothing to the name: screen readers skip it."),
    )
    welcome_message = models.TextField(
        _("welcome message"),
        blank=True,
        help_text=_("Shown to each new member when they join (sanitised HTML)."),
    )
    tags = TaggableManager(through=CommunityTag, blank=True)
    # The events it hosts (events.Event.host); deleting the community deletes them.
    events = GenericRelation(
        "agenda.Event", content_type_field="host_type", object_id_field="host_id"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="communities.Membership",
        related_name="communities",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:community", args=[self.slug])


class Membership(models.Model):
    """One person in one community; animators run it (members, posts, events, animation)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="community_member_once")
        ]
        indexes = [models.Index(fields=["user", "community"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.community_id} ({self.role})"


class JoinRequest(models.Model):
    """A request to join a closed community, decided by one of its animators."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted = models.BooleanField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("join request")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"],
                condition=Q(decided_at__isnull=True),
                name="community_one_pending_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} asks {self.community_id}"
