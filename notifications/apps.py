from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        from core.digests import register_digest_section

        from . import checks  # noqa: F401 - registers the VAPID keys check
        from .digests import UNREAD
        from .receivers import forget_browser_on_sign_out

        user_logged_out.connect(forget_browser_on_sign_out, dispatch_uid="ruche-push-sign-out")

        register_digest_section(UNREAD)  # the notices waiting for the digest, last
