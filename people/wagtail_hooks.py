from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from people.admin_views import guest_end, guest_list
from people.models import OrganisationValue, Team
from people.selectors import is_hr
from people.services import end_access


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


class SetActiveStateEndingAccess(SetActiveStateBulkAction):
    """Wagtail's "set active state" on many users at once, which marks them inactive with a
    queryset update (no save signal): people marked inactive also lose their sessions and API
    tokens, as with every other way of deactivating someone."""

    @classmethod
    def execute_action(cls, objects, mark_as_active=False, model=None, **kwargs):
        result = super().execute_action(
            objects, mark_as_active=mark_as_active, model=model, **kwargs
        )
        if not mark_as_active:
            acting = kwargs.get("user")
            end_access(user_ids=[obj.pk for obj in objects if acting is None or obj != acting])
        return result


# After Wagtail's own registration, which this replaces (same action type).
hooks.register("register_bulk_action", SetActiveStateEndingAccess, order=100)


@hooks.register("register_admin_urls")
def guest_urls():
    return [
        path("guests/", guest_list, name="people_guests"),
        path("guests/<int:user_id>/end/", guest_end, name="people_guest_end"),
    ]


class GuestsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return is_hr(request.user)


@hooks.register("register_settings_menu_item")
def guests_menu_item() -> GuestsMenuItem:
    return GuestsMenuItem(
        _("Guests"), reverse("people_guests"), name="guests", icon_name="user", order=610
    )
