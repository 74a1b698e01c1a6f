from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from people.models import OrganisationValue, Team


class OrganisationValueViewSet(SnippetViewSet):
    """The organisation's values offered when someone gives kudos."""

    model = OrganisationValue
    icon = "pick"
    menu_label = _("Values")
    list_display = ["name", "sort_order", "active"]
    add_to_admin_menu = False


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    list_display = ["name", "parent"]
    search_fields = ["name"]


register_snippet(OrganisationValueViewSet)
register_snippet(TeamViewSet)
