"""The notification centre: one notice model for every app, preferences, digest claims."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app notice to one person; `key` names the event so it is posted only once.

    `immediate` notices are emailed at once (unless the person reads in the app only, see
    `Preference`); the others wait for the person's digest. `emailed_at` records the email.
    `target_kind` and `target_id` name what the notice is about (a kind registered in
    `notifications.targets`), so its text is shown only while the reader may still see it.
    Immediate notices are also pushed to the browsers the person subscribed (`pushed_at`).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, blank=True)
    message = models.CharField(max_length=400)
    url = models.CharField(max_length=300, blank=True)
    target_kind = models.CharField(max_length=40, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    immediate = models.BooleanField(default=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Set once every push subscription of the recipient had this notice (notifications.push).
    pushed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    # Set for a reader by `notifications.selectors.with_availability` (declared for the type
    # checker only: no value, so no field).
    available: bool

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")
        ]
        indexes = [
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.recipient_id}"


class Cadence(models.TextChoices):
    IN_APP = "in_app", _("In the app only, no email")
    DAILY = "daily", _("Important events by email, and a daily digest")
    WEEKLY = "weekly", _("Important events by email, and a weekly digest")


class Preference(models.Model):
    """How one person wants to hear from Ruche; people without a row get the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    cadence = models.CharField(
        _("how to notify me"), max_length=10, choices=Cadence.choices, default=Cadence.WEEKLY
    )
    language = models.CharField(
        _("language of my emails"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Empty: the site's language."),
    )
    push = models.BooleanField(
        _("push notifications"),
        default=True,
        help_text=_("Important events also appear on the devices where I turned push on."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.cadence}"


class DigestRun(models.Model):
    """Claim of one digest (user, kind, period): inserted in the transaction that sends it,
    so a retried or concurrent run finds the row (or waits on it) and sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    period = models.DateField()
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "period"], name="digest_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period} → {self.user_id}"


class PushSubscription(models.Model):
    """One browser that receives this person's pushes (the Push API's subscription).

    `endpoint` is the push service's URL for that browser (a secret: whoever knows it may
    push), `p256dh` and `auth` the browser's keys the payload is encrypted to. A push service
    answering 404 or 410 means the browser dropped it: the row is deleted.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    last_success_at = models.DateTimeField(null=True, blank=True)
    failure_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.endpoint[:60]}"
