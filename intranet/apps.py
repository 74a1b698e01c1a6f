from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntranetConfig(AppConfig):
    name = "intranet"
    verbose_name = _("Intranet")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications.targets import register_target

        # checks, the `page` import kind and search kinds register themselves when imported
        from . import checks, followed_tags, importers, search, sites  # noqa: F401
        from .reviews import TARGET_KIND, page_ids_owned_by

        register_target(TARGET_KIND, page_ids_owned_by)
        sites.connect()  # the cached site of each host follows changes of sites and pages
        followed_tags.connect()  # the feed's ids of followed tags follow changes of tags
