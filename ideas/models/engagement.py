"""Co-creation workshops (notices live in `notifications`; comments and reports in
core.conversations)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.links import web_url_validator


class Workshop(models.Model):
    """A co-creation session for a small group, about some ideas of a challenge."""

    challenge = models.ForeignKey(
        "ideas.ChallengePage", on_delete=models.CASCADE, related_name="workshops"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = models.URLField(_("online link"), blank=True, validators=[web_url_validator])
    capacity = models.PositiveIntegerField(_("capacity"))
    ideas = models.ManyToManyField("ideas.Idea", blank=True, related_name="workshops")
    created_at = models.DateTimeField(auto_now_add=True)

    # Set for a reader by the workshops view (declared for the type checker only: no field).
    taken: int
    joined: bool

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="ideas_workshop_capacity"),
            # Never a `javascript:` or `data:` link, whatever writes the row.
            models.CheckConstraint(
                condition=Q(link="")
                | Q(link__startswith="http://")
                | Q(link__startswith="https://"),
                name="ideas_workshop_web_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class WorkshopRegistration(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="ideas_workshop_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.workshop_id}"
