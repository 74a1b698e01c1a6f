from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    """One effect outside the database (an email) that happened, named by its key.

    Written by `core.delivery.deliver_once` right after the effect, on a connection of its
    own, so that it survives the rollback of the task that caused it (a worker killed midway
    through a batch of emails): the retry skips what was delivered. No foreign key: the rows
    the key names may not be committed yet when it is written.
    """

    key = models.CharField(max_length=255, unique=True)
    delivered_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        # Moved from `intranet` without touching its table (core/migrations/0001_initial.py).
        db_table = "intranet_delivery"
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return self.key
