from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.admin_views import search_analytics
from search.desk_views import (
    DESK_PERMISSION,
    desk_add_acronym,
    desk_add_synonym,
    desk_promote_page,
    relevance_desk,
)
from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "resubmit"
    menu_label = _("Synonyms")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["__str__", "updated_at"]
    search_fields = ["terms"]


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def search_admin_urls():
    return [
        path("search-analytics/", search_analytics, name="search_analytics"),
        path("relevance-desk/", relevance_desk, name="search_desk"),
        path("relevance-desk/synonym/", desk_add_synonym, name="search_desk_synonym"),
        path("relevance-desk/acronym/", desk_add_acronym, name="search_desk_acronym"),
        path("relevance-desk/promote/", desk_promote_page, name="search_desk_promote"),
    ]


class PermissionMenuItem(MenuItem):
    """A menu item shown to those who have `permission`."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def search_analytics_menu_item():
    return PermissionMenuItem(
        _("Search analytics"),
        reverse("search_analytics"),
        permission="search.view_search_analytics",
        name="search-analytics",
        icon_name="search",
        order=900,
    )


@hooks.register("register_reports_menu_item")
def relevance_desk_menu_item():
    return PermissionMenuItem(
        _("Relevance desk"),
        reverse("search_desk"),
        permission=DESK_PERMISSION,
        name="relevance-desk",
        icon_name="crosshairs",
        order=901,
    )
