"""The admin in Ruche's colours, with Ruche's avatars, and the editors' desk (a page of the
admin, a panel of its home, an item of its menu)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from intranet.admin_branding import avatar_url
from intranet.admin_views import editors_desk
from intranet.desk import can_use_desk, desk_for


@hooks.register("insert_global_admin_css")
def ruche_admin_colours() -> SafeString:
    return format_html('<link rel="stylesheet" href="{}">', static("intranet/admin.css"))


@hooks.register("get_avatar_url")
def profile_avatar(user: Any, size: int) -> str:
    return avatar_url(user, size)


@hooks.register("register_admin_urls")
def editors_desk_urls() -> list[URLPattern]:
    return [path("desk/", editors_desk, name="editors_desk")]


class DeskMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_use_desk(request.user)


@hooks.register("register_admin_menu_item")
def editors_desk_menu_item() -> DeskMenuItem:
    return DeskMenuItem(
        _("Editors' desk"), reverse("editors_desk"), name="editors-desk", icon_name="tasks", order=1
    )


class DeskPanel(Component):
    """The desk on the admin's home: each section's count and first items."""

    name = "editors_desk"
    order = 50
    template_name = "intranet/admin/desk_panel.html"

    def __init__(self, sections: list[Any]) -> None:
        self.sections = sections

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {"sections": self.sections}


@hooks.register("construct_homepage_panels")
def editors_desk_panel(request: HttpRequest, panels: list[Any]) -> None:
    if can_use_desk(request.user):
        panels.insert(0, DeskPanel(desk_for(request.user)))
