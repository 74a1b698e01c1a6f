from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out
        from django.db.models.signals import post_delete, post_save

        from core.digests import register_digest_section

        from . import checks  # noqa: F401 - registers the VAPID keys check
        from .digests import UNREAD
        from .models import Notification
        from .receivers import forget_browser_on_sign_out
        from .unread import forget_for_notice

        user_logged_out.connect(forget_browser_on_sign_out, dispatch_uid="ruche-push-sign-out")

        # The header's cached unread count follows notices saved or deleted one by one.
        post_save.connect(forget_for_notice, sender=Notification, dispatch_uid="ruche-unread-s")
        post_delete.connect(forget_for_notice, sender=Notification, dispatch_uid="ruche-unread-d")
        register_digest_section(UNREAD)  # the notices waiting for the digest, last
