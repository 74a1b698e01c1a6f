from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail import hooks

        from core.digests import register_digest_section
        from core.guests import register_guest_home, register_guest_places, register_guest_rule
        from notifications.targets import register_target

        from . import (  # noqa: F401  (kinds and tasks register on import)
            conversations,
            digest,
            event_host,
            import_posts,
            importers,
            receivers,
            search,
        )
        from .attachments import serve_attachments_to_readers
        from .guests import guest_communities, guest_landing, open_communities_to_guests
        from .membership_notices import TARGET_KIND as COMMUNITY_NOTICES
        from .membership_notices import community_ids_visible_to
        from .notifications import TARGET_KIND as POST_NOTICES
        from .notifications import post_ids_visible_to

        # Import kinds (`community`, `post`) and findable kinds are registered by importing
        # their modules above. Communities host events (agenda.hosts), before the events
        # app is ready (it comes after this one in INSTALLED_APPS).
        event_host.register(search.events_when_renamed)
        # A notice about a community shows while its reader may know it.
        register_target(COMMUNITY_NOTICES, community_ids_visible_to)
        # Notices about a post show only while their reader may read it.
        register_target(POST_NOTICES, post_ids_visible_to)
        # The animators' weekly section of the digest; notices and follows on the signals.
        for section in digest.SECTIONS:
            register_digest_section(section)
        receivers.connect()
        # A file attached to a post is downloaded only by the post's readers.
        hooks.register("before_serve_document", serve_attachments_to_readers)
        # Posts have comments, replies, reactions and reports (core.conversations).
        conversations.register_kind()
        # Guests reach their communities, and land on them.
        register_guest_rule(open_communities_to_guests)
        register_guest_home(guest_landing)
        # HR's list of guests names the communities they were invited into.
        register_guest_places(guest_communities)
