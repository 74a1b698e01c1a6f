from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "resubmit"
    menu_label = "Synonyms"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["__str__", "updated_at"]
    search_fields = ["terms"]


register_snippet(SynonymViewSet)
