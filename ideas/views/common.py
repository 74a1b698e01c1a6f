"""Helpers shared by the views: lookups that respect the audience, safe redirects."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from core.conversations.models import Comment
from core.pagination import address_on_page
from ideas.models import ChallengePage, Idea
from ideas.selectors import challenges_visible_to, comment_page_number, idea_for
from ideas.services import IdeasError


def visible_challenge(request, challenge_id: int) -> ChallengePage:
    challenge = challenges_visible_to(request.user).filter(pk=challenge_id).first()
    if challenge is None:
        raise Http404
    return challenge


def visible_idea(request, idea_id: int) -> Idea:
    idea = idea_for(request.user, idea_id)
    if idea is None:
        raise Http404
    return idea


def back(request, default: str) -> HttpResponseRedirect:
    """Back where the form was (`next`), if it is on this site; else `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def comment_url(comment: Comment, idea: Idea, user) -> str:
    """The idea page showing this comment: its page of conversations, scrolled to it."""
    number = comment_page_number(comment, idea, user)
    return address_on_page(idea.get_absolute_url(), number, f"comment-{comment.pk}")


def run_action(request, action, *, success: str | None = None) -> bool:
    """Run a service; a refusal becomes an error message. Returns whether it succeeded."""
    try:
        action()
    except IdeasError as refusal:
        if refusal.status == 404:
            raise Http404 from refusal
        messages.error(request, refusal.message)
        return False
    if success:
        messages.success(request, success)
    return True
