"""The directory of communities (search, mine, suggested for you) and creating one."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from communities.community_forms import CommunityForm
from communities.selectors.access import may_create_community
from communities.selectors.communities import directory_page, suggested_for
from communities.services.communities import create_community
from core.ratelimits import rate_limited

from .community_access import me, run

SEARCH_MAX_LENGTH = 100


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """Communities I may know of; `q` searches names, descriptions and tags; `mine=1`."""
    text = request.GET.get("q", "")[:SEARCH_MAX_LENGTH].strip()
    mine = request.GET.get("mine") == "1"
    page = directory_page(request.user, request.GET.get("page"), text=text, mine=mine)
    query = urlencode(
        {key: value for key, value in (("q", text), ("mine", "1" if mine else "")) if value}
    )
    return render(
        request,
        "communities/directory.html",
        {
            "page_obj": page,
            "communities": page.object_list,
            "text": text,
            "mine": mine,
            "query": query,
            "suggested": [] if text or mine else suggested_for(request.user),
            "may_create": may_create_community(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@rate_limited(
    "community",
    message=gettext_lazy(
        "You have created many communities in a short time: one person may create "
        "%(count)s in %(period)s."
    ),
    advice=gettext_lazy(
        "Nothing was created. Try again later, or ask an existing community's animators "
        "whether it could welcome your subject."
    ),
)
def create(request: HttpRequest) -> HttpResponse:
    """Any employee creates a community and becomes its animator; at most
    `RATE_LIMITS["community"]` sent forms per person in its window (429 past it)."""
    form = CommunityForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        community = run(
            request,
            lambda: create_community(
                user=me(request),
                name=data["name"],
                description=data["description"],
                visibility=data["visibility"],
                tags=data["tags"],
                cover=data.get("cover"),
            ),
            success=_("Your community is created: you are its animator."),
        )
        if community:
            return redirect(community.get_absolute_url())
    return render(request, "communities/community_form.html", {"form": form})
