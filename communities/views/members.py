"""A community's members (its readers see them) and their management (animators: answer
requests, add, promote, demote, remove); and its health, for animators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from communities.community_forms import RoleForm
from communities.models import JoinRequest, Role
from communities.selectors.access import can_animate
from communities.selectors.communities import members_page, pending_requests
from communities.selectors.health import community_health
from communities.services import membership as services
from core.durations import human_duration

from .community_access import animated_community, me, read_community, run


def _members_url(slug: str) -> str:
    return reverse("communities:members", args=[slug])


@require_GET
def members(request: HttpRequest, slug: str) -> HttpResponse:
    community = read_community(request, slug)
    animator = can_animate(request.user, community)
    return render(
        request,
        "communities/members.html",
        {
            "community": community,
            "page_obj": members_page(community, request.GET.get("page")),
            "is_animator": animator,
            "requests": pending_requests(community) if animator else [],
            "roles": Role,
        },
    )


@require_POST
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = animated_community(request, slug)
    join_request = get_object_or_404(JoinRequest, pk=pk, community=community)
    accept = request.POST.get("accept") == "1"
    run(
        request,
        lambda: services.decide_join_request(
            user=me(request), join_request=join_request, accept=accept
        ),
        success=_("Request accepted.") if accept else _("Request refused."),
    )
    return redirect(_members_url(slug))


def _person(user_id: int):
    person = get_user_model().objects.filter(pk=user_id).first()
    if person is None:
        raise Http404
    return person


@require_POST
def add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a colleague by username (the way into a secret community)."""
    community = animated_community(request, slug)
    username = request.POST.get("username", "").strip()[:150]
    person = get_user_model().objects.filter(username=username, is_active=True).first()
    if person is None:
        messages.error(request, _("No colleague has this username."))
    else:
        run(
            request,
            lambda: services.add_member(user=me(request), community=community, person=person),
            success=_("%(name)s is now a member.") % {"name": person.get_full_name() or username},
        )
    return redirect(_members_url(slug))


@require_POST
def set_role(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    community = animated_community(request, slug)
    person = _person(user_id)
    form = RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else ""
    run(
        request,
        lambda: services.set_role(user=me(request), community=community, person=person, role=role),
        success=_("The role is changed."),
    )
    return redirect(_members_url(slug))


@require_POST
def remove(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    community = animated_community(request, slug)
    person = _person(user_id)
    run(
        request,
        lambda: services.remove_member(user=me(request), community=community, person=person),
        success=_("The member is removed."),
    )
    return redirect(_members_url(slug))


@require_GET
def health(request: HttpRequest, slug: str) -> HttpResponse:
    community = animated_community(request, slug)
    figures = community_health(community)
    return render(
        request,
        "communities/health.html",
        {
            "community": community,
            "health": figures,
            "median_words": human_duration(figures.median_response),
        },
    )
