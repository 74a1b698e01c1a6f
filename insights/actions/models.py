"""Action plans: what was done about what people said (a signal, a survey, searches, ideas).

An action names what it answers by a short label (a theme, a query, a public title) and the
number of people behind it, never by anyone's words or name: the public page shows them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    SIGNAL = "signal", _("Signal")
    SURVEY = "survey", _("Survey result")
    ZERO_RESULTS = "zero_results", _("Searches with no result")
    QUESTION = "question", _("Questions")
    IDEA = "idea", _("Ideas")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
CLOSED_STATUSES = (ActionStatus.DONE, ActionStatus.DROPPED)


class Action(models.Model):
    title = models.CharField(_("title"), max_length=200)
    source_kind = models.CharField(_("what it answers"), max_length=20, choices=SourceKind.choices)
    source_key = models.CharField(_("source key"), max_length=200, blank=True)
    source_label = models.CharField(_("what people talked about"), max_length=120)
    source_week = models.DateField(_("week"))
    source_people = models.PositiveIntegerField(_("people behind it"))
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="owned_actions",
        verbose_name=_("owner"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="opened_actions",
    )
    team = models.ForeignKey(
        "people.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("team"),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    outcome = models.TextField(_("outcome"), blank=True)
    public = models.BooleanField(_("shown on “You said, we did”"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Weekly dates only: the week it answers starts on a Monday.
            models.CheckConstraint(
                condition=Q(source_week__iso_week_day=1), name="action_source_week_monday"
            ),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DONE) | ~Q(outcome=""),
                name="action_done_has_outcome",
            ),
        ]
        indexes = [
            models.Index(fields=["public", "status"], name="action_public_status"),
            models.Index(fields=["status", "due_on"], name="action_status_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("insights_actions:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class ActionUpdate(models.Model):
    """A progress note, a status change, or both; followers hear of each one."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("progress note"), blank=True)
    status_from = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    status_to = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.status_to or self.note[:40]}"


class ActionFollow(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_actions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "user"], name="action_follow_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.action_id}"
