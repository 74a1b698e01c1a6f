from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewReminder(models.Model):
    """A reminder sent to an information page's owner that its review date has passed.

    One per page and review date (the overdue period): the constraint stops a second worker,
    a re-run or a retried job from sending it again; a new review date starts a new period.
    """

    page = models.ForeignKey("intranet.StandardPage", on_delete=models.CASCADE, related_name="+")
    review_date = models.DateField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "review_date"], name="intranet_review_reminder_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"review reminder of {self.page_id} ({self.review_date})"
