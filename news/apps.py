from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications.targets import register_target

        from . import conversations, importers, search, signals  # noqa: F401  (kinds)
        from .selectors import page_ids_open_to

        register_target("news.page", page_ids_open_to)
        conversations.register_kind()
        signals.connect()  # the moderation workflow's name in the reader's language
