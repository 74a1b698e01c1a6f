from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import LeadershipIndexPage, NewsCategory, NewsIndexPage
from news.services import configure_section
from news.views.audience import audience_reach


@hooks.register("register_admin_urls")
def register_audience_reach_url():
    return [path("news/audience-reach/", audience_reach, name="news_audience_reach")]


class NewsCategoryViewSet(SnippetViewSet):
    """The categories editors maintain; news pages pick one of them."""

    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    ordering = ["name"]


register_snippet(NewsCategoryViewSet)


@hooks.register("after_create_page")
def configure_new_section(request, page):
    """An index page created in the admin gets the moderation workflow and editors' rights."""
    if isinstance(page.specific, NewsIndexPage | LeadershipIndexPage):
        configure_section(page)


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("news.moderate_engagement")


class MustReadsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("news.view_acknowledgement_stats")


@hooks.register("register_admin_menu_item")
def register_must_reads_menu_item():
    return MustReadsMenuItem(
        _("Must-read acknowledgements"), reverse("news:must_reads"), icon_name="tick", order=901
    )


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Reported comments"), reverse("news:moderation"), icon_name="warning", order=900
    )
