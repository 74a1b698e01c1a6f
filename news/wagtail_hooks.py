from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from news.models import LeadershipIndexPage, NewsIndexPage
from news.services import configure_section


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
