"""The styleguide page: every component of the library, in each of its states (signed-in
employees; guests get the 404 of everything no guest rule opens)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frontend.forms import SampleForm

COLOUR_TOKENS = [
    "brand",
    "brand-dark",
    "honey",
    "ink",
    "muted",
    "paper",
    "wash",
    "line-strong",
    "focus",
]
STATUS_TOKENS = ["success", "warning", "danger", "info", "neutral"]
SAMPLE_PEOPLE = ["Camille Martin", "Jean-Pierre Dupont", "Léa Rousseau", "Noé Ba", "Zoë O'Neil"]


@require_GET
def styleguide(request):
    """The component library on one page, with sample data (nothing is read or saved)."""
    bound = SampleForm({"title": "", "email": "pas-une-adresse", "body": "", "audience": ""})
    bound.is_valid()
    same = SampleForm(
        {"same-title": "Bonjour", "same-body": "Bonjour", "same-audience": "all"}, prefix="same"
    )
    same.is_valid()
    tab = request.GET.get("tab", "all")
    tabs = [
        {"label": _("All"), "url": "?tab=all#tabs", "current": tab == "all", "count": 12},
        {"label": _("Posts"), "url": "?tab=posts#tabs", "current": tab == "posts", "count": 8},
        {"label": _("Questions"), "url": "?tab=questions#tabs", "current": tab == "questions"},
    ]
    pages = Paginator(range(95), 10)
    context = {
        "people": SAMPLE_PEOPLE,
        "colour_tokens": COLOUR_TOKENS,
        "status_tokens": STATUS_TOKENS,
        "empty_form": SampleForm(prefix="empty"),
        "form": bound,
        "same_form": same,
        "tabs": tabs,
        "first_page": pages.page(1),
        "middle_page": pages.page(5),
        "last_page": pages.page(10),
        "sample_messages": [
            {"tags": "success", "message": _("Your post is published.")},
            {"tags": "info", "message": _("Your draft is saved.")},
            {"tags": "warning", "message": _("This community is closed: your request awaits.")},
            {"tags": "error", "message": _("The file is too large (10 MB at most).")},
        ],
    }
    return render(request, "frontend/styleguide.html", context)
