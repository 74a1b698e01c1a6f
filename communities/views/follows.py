"""Following and unfollowing (one POST form for communities, people and tags), and the page
"What I follow". Thin: the rules are in `communities.services.follows`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from communities.selectors.access import communities_visible_to
from communities.selectors.follows import following_listing
from communities.services.follows import CannotFollow, follow, normalise_tag, unfollow


def _back(request, default: str) -> HttpResponseRedirect:
    """Back where the form was (`next`), if it is on this site; else `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def _target(request):
    """The community, person or tag the form names; 404 for one this user may not know."""
    data = request.POST
    if data.get("community"):
        found = communities_visible_to(request.user).filter(slug=data["community"]).first()
    elif data.get("person"):
        found = get_user_model().objects.filter(username=data["person"], is_active=True).first()
    else:
        found = normalise_tag(data.get("tag", "")) or None
    if found is None:
        raise Http404
    return found


def _label(target) -> str:
    if isinstance(target, str):
        return f"#{target}"
    if hasattr(target, "get_full_name"):
        return target.get_full_name() or target.get_username()
    return str(target)


@require_POST
def follow_view(request):
    target = _target(request)
    name = _label(target)
    try:
        if request.POST.get("action") == "unfollow":
            unfollow(user=request.user, target=target)
            messages.success(request, _("You no longer follow %(name)s.") % {"name": name})
        else:
            follow(user=request.user, target=target)
            messages.success(request, _("You follow %(name)s.") % {"name": name})
    except CannotFollow as refusal:
        raise Http404 from refusal
    return _back(request, "/communities/following/")


@require_GET
def following(request):
    return render(
        request,
        "communities/following.html",
        {"following": following_listing(request.user)},
    )
