"""Events: meetings in person, online or hybrid, with a capacity, a waiting list and,
afterwards, a report; hosted by what organises them (a community, a challenge: `hosts.py`)
or by nothing (an event for every employee).

The tables are those the communities app created (`communities_event`, `communities_rsvp`):
the models moved here without moving a row."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models.covers import CoverImageMixin


class EventMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Event(CoverImageMixin, models.Model):
    # Its cover (`CoverImageMixin`): as private as its host (`agenda.covers`).
    # What organises it (a registered host: `hosts.register_host`); none: for everyone.
    # Deleting the host deletes its events (the host model's GenericRelation).
    host_type = models.ForeignKey(
        ContentType,
        verbose_name=_("host type"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    host_id = models.PositiveBigIntegerField(_("host"), null=True, blank=True)
    host = GenericForeignKey("host_type", "host_id")
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
        db_table = "communities_event"
        verbose_name = _("event")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(host_type__isnull=True, host_id__isnull=True)
                | Q(host_type__isnull=False, host_id__isnull=False),
                name="event_host_whole",
            ),
        ]
        indexes = [models.Index(fields=["host_type", "host_id"], name="event_host_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", args=[self.pk])


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
        db_table = "communities_rsvp"
        verbose_name = _("RSVP")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="rsvp_once")]
        indexes = [
            models.Index(
                fields=["event", "status", "created_at"], name="communities_event_i_4a44b2_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.status} {self.event_id}"
