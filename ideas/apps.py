from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.digests import register_digest_section
        from core.document_privacy import register_audience_rule
        from core.nudges import register_nudge
        from core.page_context import register_page_access, register_page_context
        from notifications.targets import register_target

        from . import conversations, covers, digest, event_host, importers, nudges, search  # noqa: F401
        from .models import ChallengePage, IdeasHubPage
        from .selectors.access import (
            can_view_challenge,
            challenge_ids_visible_to,
            idea_ids_visible_to,
        )
        from .views.pages import challenge_context, hub_context

        # A document used on an audience-restricted challenge is for that audience only.
        register_audience_rule(ChallengePage, challenge_ids_visible_to)
        # A notice about a challenge or an idea shows only while its reader may see it.
        register_target("ideas.challenge", challenge_ids_visible_to)
        register_target("ideas.idea", idea_ids_visible_to)
        # Challenges opening and closing, and answers to ideas, in the digest; the weekly nudge.
        for section in digest.SECTIONS:
            register_digest_section(section)
        register_nudge(nudges.CHALLENGE_OWNERS)
        # People outside a challenge's audience never see it; what the pages show.
        register_page_access(ChallengePage, can_view_challenge)
        register_page_context(IdeasHubPage, hub_context)
        register_page_context(ChallengePage, challenge_context)
        conversations.register_kind()
        covers.register()  # the cover of a challenge for some teams, for them
        # Challenges host events (their workshops), before the agenda app is ready.
        event_host.register()
