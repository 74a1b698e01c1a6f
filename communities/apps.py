from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail import hooks

        from . import conversations, import_posts  # noqa: F401  (import kind `post`)
        from .attachments import serve_attachments_to_readers

        # A file attached to a post is downloaded only by the post's readers.
        hooks.register("before_serve_document", serve_attachments_to_readers)

        # Posts have comments, replies, reactions and reports (core.conversations).
        conversations.register_kind()
