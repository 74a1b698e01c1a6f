from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail import hooks

        from core.guests import register_guest_home, register_guest_rule
        from notifications.targets import register_target

        from . import conversations, event_importers, event_tasks, import_posts, importers, search  # noqa: F401
        from .attachments import serve_attachments_to_readers
        from .guests import guest_landing, open_communities_to_guests
        from .membership_notices import TARGET_KIND, community_ids_visible_to
        from .selectors.events import event_ids_visible_to

        # Import kinds (`community`, `event`, `post`), findable kinds and the events' beat
        # task are registered by importing their modules above.
        # Events: a notice about an event shows only while its reader may still read it.
        register_target("communities.event", event_ids_visible_to)
        # A notice about a community shows while its reader may know it.
        register_target(TARGET_KIND, community_ids_visible_to)
        # A file attached to a post is downloaded only by the post's readers.
        hooks.register("before_serve_document", serve_attachments_to_readers)
        # Posts have comments, replies, reactions and reports (core.conversations).
        conversations.register_kind()
        # Guests reach their communities, and land on them.
        register_guest_rule(open_communities_to_guests)
        register_guest_home(guest_landing)
