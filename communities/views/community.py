"""A community's page (header, posts, events), joining, asking, leaving; its settings.

Who may: whoever may know it exists sees its header; its readers (members, and everyone for
an open one) see its posts and events; animators change it. A secret community is a 404 to
non-members, as one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communities.community_forms import JoinRequestForm, SettingsForm
from communities.event_host import community_events
from communities.models import Community, Role
from communities.selectors.access import can_animate, can_read
from communities.selectors.communities import animators_of, membership_of, pending_request
from communities.selectors.posts import posts_page
from communities.services import membership as services
from communities.services.communities import update_community

from .community_access import animated_community, back, me, run, seen_community

# The session remembers whom to greet: the welcome message is shown once, after joining.
WELCOME_KEY = "communities_welcome"


def _welcome_once(request: HttpRequest, community: Community) -> str:
    """The welcome message for a member who just joined, or who follows the notice saying
    they were let in (`?welcome=1`)."""
    waiting = request.session.get(WELCOME_KEY) or []
    if community.pk not in waiting:
        return community.welcome_message if request.GET.get("welcome") == "1" else ""
    request.session[WELCOME_KEY] = [pk for pk in waiting if pk != community.pk]
    return community.welcome_message


@require_GET
def community_page(request: HttpRequest, slug: str) -> HttpResponse:
    community = seen_community(request, slug)
    user = request.user
    membership = membership_of(me(request), community)
    readable = can_read(user, community)
    context: dict[str, Any] = {
        "community": community,
        "membership": membership,
        "is_animator": can_animate(user, community),
        "readable": readable,
        "animators": animators_of(community),
        "tags": [tag.name for tag in community.tags.all()],
        "pending": None if membership else pending_request(user, community),
        "request_form": JoinRequestForm(),
        "welcome": _welcome_once(request, community) if membership else "",
        "follow_target": community,
    }
    if readable:
        context["posts"] = posts_page(community, user, request.GET.get("page"))
        context["events"] = community_events(user, community)
    return render(request, "communities/community.html", context)


@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    """Join an open community at once; ask to join a closed one (with a word, optionally)."""
    community = seen_community(request, slug)
    form = JoinRequestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    outcome = run(
        request,
        lambda: services.join_community(user=me(request), community=community, message=message),
    )
    if outcome:
        if outcome.status == "joined":
            messages.success(
                request, _("You are now a member of %(name)s.") % {"name": community.name}
            )
            if community.welcome_message:
                request.session[WELCOME_KEY] = [
                    *(request.session.get(WELCOME_KEY) or []),
                    community.pk,
                ]
        elif outcome.status == "requested":
            messages.success(request, _("Your request is sent: an animator will answer it."))
        elif outcome.status == "pending":
            messages.info(request, _("Your request is waiting for an animator's answer."))
        else:
            messages.info(request, _("You are already a member of this community."))
    return redirect(community.get_absolute_url())


@require_POST
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    community = seen_community(request, slug)
    run(
        request,
        lambda: services.withdraw_join_request(user=me(request), community=community),
        success=_("Your request is withdrawn."),
    )
    return redirect(community.get_absolute_url())


@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    community = seen_community(request, slug)
    done = run(
        request,
        lambda: services.leave_community(user=me(request), community=community),
        success=_("You have left %(name)s.") % {"name": community.name},
    )
    if done and not can_read(request.user, community):
        return redirect("communities:directory")
    return back(request, community.get_absolute_url())


@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Animators change the name, description, visibility, tags, cover and welcome message."""
    community = animated_community(request, slug)
    initial = {
        "name": community.name,
        "description": community.description,
        "visibility": community.visibility,
        "tags": sorted(tag.name for tag in community.tags.all()),
        "welcome_message": community.welcome_message,
    }
    form = SettingsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run(
            request,
            lambda: update_community(
                user=me(request),
                community=community,
                name=data["name"],
                description=data["description"],
                visibility=data["visibility"],
                tags=data["tags"],
                welcome_message=data["welcome_message"],
                cover=data.get("cover"),
            ),
            success=_("The community is updated."),
        )
        if done:
            return redirect(community.get_absolute_url())
    return render(
        request,
        "communities/community_settings.html",
        {"community": community, "form": form, "roles": Role},
    )
