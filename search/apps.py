from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from core.findable import on_register, serve_reindex_requests
        from core.guests import register_guest_rule

        from . import importers  # noqa: F401  (registers the `synonym` import kind)
        from .models import Synonym
        from .permissions import search_open_to_guests
        from .signals import connect_kind, enqueue_sync
        from .synonyms import forget_synonyms

        # Every findable kind, whichever app registered it and whenever, keeps its documents
        # fresh; `core.findable.request_reindex` reaches the same sync.
        on_register(connect_kind)
        serve_reindex_requests(enqueue_sync)
        # Guests search only once a kind is open to them (none until communities register).
        register_guest_rule(search_open_to_guests)

        for signal in (post_save, post_delete):
            signal.connect(
                lambda **kwargs: forget_synonyms(),
                sender=Synonym,
                weak=False,
                dispatch_uid=f"forget-synonyms-{signal}",
            )
