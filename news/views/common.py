"""Small helpers shared by the news views."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page

from news.selectors import can_view_page


def back(request, fallback: str, anchor: str = "") -> HttpResponseRedirect:
    """Return to `next` when it is a safe local address, else to `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return HttpResponseRedirect(f"{target}{anchor}" if anchor and "#" not in target else target)


def wants_json(request) -> bool:
    """The progressive-enhancement script asks for JSON; forms without JS get a redirect."""
    return "application/json" in request.headers.get("Accept", "")


def viewable_page(request, page_id: int, *models) -> Page:
    """The specific page if the user may open it (Wagtail privacy), else 404."""
    page = get_object_or_404(Page, pk=page_id).specific
    if models and not isinstance(page, models):
        raise Http404
    if not can_view_page(request, page):
        raise Http404
    return page
