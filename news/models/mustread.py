"""Must-read acknowledgements and the reminders sent to those who have not acknowledged."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Acknowledgement(models.Model):
    """An employee has read a must-read news item (once: the constraint makes it idempotent)."""

    page = models.ForeignKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="acknowledgements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="news_acknowledgements"
    )
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("acknowledgement")
        constraints = [
            models.UniqueConstraint(fields=["page", "user"], name="news_acknowledge_once")
        ]
        permissions = [("view_acknowledgement_stats", "Can see and export acknowledgements")]

    def __str__(self) -> str:
        return f"acknowledgement of {self.page_id}"


class ReminderStage(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


class MustReadReminder(models.Model):
    """A reminder sent: the constraint stops a retried or re-run job from sending it again."""

    page = models.ForeignKey("news.NewsPage", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=20, choices=ReminderStage.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("must-read reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user", "stage"], name="news_reminder_once_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stage} reminder of {self.page_id}"
