from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.access import register_sign_in_rule
        from core.guests import register_guest_check
        from core.rendering import register_body_renderer
        from notifications.targets import register_target
        from people import importers, search, signals  # noqa: F401 - registers kinds
        from people.auth import may_sign_in
        from people.guests import user_is_guest
        from people.mentions import link_mentions_in_bodies
        from people.selectors import kudos_ids_visible_to

        signals.connect()
        # API tokens (core.api) are refused to someone HR marked as having left, and to a
        # guest past their last day.
        register_sign_in_rule(may_sign_in)
        # The kernel tells guests apart (core.guests): one join on the profile makes it free.
        register_guest_check(user_is_guest, related="profile")
        register_target("people.kudos", kudos_ids_visible_to)
        # Comments of every conversation (core.conversations) show their mentions as links.
        register_body_renderer(link_mentions_in_bodies)
