from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.digests import register_digest_section
        from core.page_context import register_page_context
        from notifications.targets import register_target

        from . import conversations, covers, digest, importers, search, signals  # noqa: F401  (kinds)
        from .models import LeadershipIndexPage, LeadershipUpdatePage, NewsIndexPage, NewsPage
        from .selectors import page_ids_open_to
        from .views.detail import engagement_context
        from .views.listing import news_listing_context
        from .views.questions import leadership_index_context, update_questions_context

        register_target("news.page", page_ids_open_to)
        for section in digest.SECTIONS:  # news and answers to questions in the digest
            register_digest_section(section)
        conversations.register_kind()
        covers.register()  # the covers of news for an audience, for that audience
        signals.connect()  # the moderation workflow's name in the reader's language
        # What the pages show beyond their fields, built by the views.
        register_page_context(NewsIndexPage, news_listing_context)
        register_page_context(NewsPage, engagement_context)
        register_page_context(LeadershipIndexPage, leadership_index_context)
        register_page_context(LeadershipUpdatePage, engagement_context)
        register_page_context(LeadershipUpdatePage, update_questions_context)
