"""Events that tie a community's exchange to meetings: in person, online or hybrid, with a
capacity, a waiting list and, afterwards, a report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Event(models.Model):
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Sanitised HTML."))
    mode = models.CharField(
        _("format"), max_length=10, choices=EventMode.choices, default=EventMode.IN_PERSON
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    going_count = models.PositiveIntegerField(default=0)
    waitlist_count = models.PositiveIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    report = models.TextField(
        _("report"), blank=True, help_text=_("What was decided (sanitised HTML).")
    )
    report_links = models.JSONField(
        _("what it produced"),
        default=list,
        blank=True,
        help_text=_("Links to the ideas or posts the event produced: [{title, url}]."),
    )
    reported_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communities:event", args=[self.pk])


class RSVPStatus(models.TextChoices):
    GOING = "going", _("Going")
    WAITLIST = "waitlist", _("On the waiting list")


class RSVP(models.Model):
    """One person's answer to one event; declining deletes it (and lets the waiting list in)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_rsvps"
    )
    status = models.CharField(max_length=10, choices=RSVPStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("RSVP")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="rsvp_once")]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.status} {self.event_id}"
