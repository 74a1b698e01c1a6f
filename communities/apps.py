from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.digests import register_digest_section
        from notifications.targets import register_target

        from . import digest, receivers
        from .notifications import TARGET_KIND, post_ids_visible_to

        # Feed area: notices about a post show only while their reader may read it; the
        # animators' weekly section of the digest; notices and follows on the signals.
        register_target(TARGET_KIND, post_ids_visible_to)
        for section in digest.SECTIONS:
            register_digest_section(section)
        receivers.connect()
