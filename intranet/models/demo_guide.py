from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoGuide(models.Model):
    """A demo account's "what to try" panel on the home page, and whether it was dismissed.

    Only `load_demo` creates these rows, so a real organisation never sees the panel; the row
    holds the role whose steps the panel shows (`intranet.demo.tour.TOURS`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demo_guide"
    )
    role = models.CharField(max_length=32)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("demo guide")

    def __str__(self) -> str:
        return f"demo guide of {self.user_id} ({self.role})"
