"""Admin shortcuts for moderators: the report queue lives on the site, not in the admin."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ideas.selectors import is_moderator


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Ideas moderation"), reverse("ideas:moderation"), icon_name="warning", order=900
    )
