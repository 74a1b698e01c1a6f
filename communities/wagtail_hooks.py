"""Administrators' list of communities (Snippets → Communities): find one, change its name,
description, visibility or tags. Members are managed on the community's own pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from communities.models import Community


class CommunityViewSet(SnippetViewSet):
    model = Community
    icon = "group"
    menu_label = _("Communities")
    list_display = ["name", "visibility", "created_at"]
    list_filter = ["visibility"]
    search_fields = ["name", "description"]
    add_to_admin_menu = False
    form_fields = ["name", "slug", "description", "visibility", "tags"]


register_snippet(CommunityViewSet)
