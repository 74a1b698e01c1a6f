"""Pages of posts: the community's posts, the composer, a post, its edit form and history.

Who may: readers of the community (communities.selectors.access) read; members post; the
author or an animator edits and deletes; animators pin, schedule and list what is scheduled.
Someone who may not read the community gets 404, as for one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communities.conversations import can_moderate
from communities.models import Community, Post, PostKind
from communities.post_forms import CommentForm, PostForm
from communities.selectors.access import can_read
from communities.selectors.posts import (
    poll_state,
    post_for,
    post_poll,
    posts_page,
    revisions,
    scheduled_page,
)
from communities.selectors.roles import animates, role
from communities.services import posts as services
from communities.services.polls import PollSpec
from core.conversations.errors import ConversationError
from core.conversations.selectors import reactions, thread_context
from core.ratelimits import rate_limited


def readable_community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    if not can_read(request.user, community):
        raise Http404
    return community


def readable_post(request: HttpRequest, slug: str, pk: int) -> Post:
    community = readable_community(request, slug)
    post = post_for(request.user, community, pk)
    if post is None:
        raise Http404
    return post


def refused(request: HttpRequest, refusal: ConversationError) -> None:
    if refusal.status == 404:
        raise Http404 from refusal
    messages.error(request, refusal.message)


def composer_context(request: HttpRequest, community: Community, form: PostForm) -> dict:
    return {
        "community": community,
        "form": form,
        "is_member": role(request.user, community) is not None,
        "can_schedule": animates(request.user, community),
    }


def _poll_spec(form: PostForm) -> PollSpec | None:
    data = form.cleaned_data
    answers = form.poll_answer_list()
    if not data.get("poll_question") and not any(answers):
        return None
    return PollSpec(
        question=data.get("poll_question", ""),
        answers=answers,
        multiple=bool(data.get("poll_multiple")),
        closes_at=data.get("poll_closes_at"),
    )


@login_required
@require_GET
def community_posts(request: HttpRequest, slug: str) -> HttpResponse:
    """The community's posts, pinned first, with the compact composer on top."""
    community = readable_community(request, slug)
    form = PostForm(can_schedule=animates(request.user, community))
    context = composer_context(request, community, form)
    context["posts"] = posts_page(community, request.user, request.GET.get("page"))
    return render(request, "communities/posts.html", context)


@login_required
@require_GET
def scheduled_posts(request: HttpRequest, slug: str) -> HttpResponse:
    """Animators: the posts scheduled for later, soonest first, each with its edit link;
    403 to the community's other readers, 404 to those who may not read it."""
    community = readable_community(request, slug)
    if not animates(request.user, community):
        raise PermissionDenied
    page = scheduled_page(community, request.user, request.GET.get("page"))
    return render(
        request,
        "communities/scheduled_posts.html",
        {"community": community, "posts": page, "is_animator": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("post")
def new_post(request: HttpRequest, slug: str) -> HttpResponse:
    """The composer. Members post; a reader who has not joined is told to join first."""
    community = readable_community(request, slug)
    can_schedule = animates(request.user, community)
    form = PostForm(request.POST or None, request.FILES or None, can_schedule=can_schedule)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = services.publish_post(
                community=community,
                author=request.user,  # type: ignore[arg-type]
                kind=data["kind"],
                title=data.get("title", ""),
                body=data["body"],
                tags=form.tag_list(),
                publish_at=data.get("publish_at"),
                poll=_poll_spec(form),
                attachments=data.get("attachments") or [],
            )
        except ConversationError as refusal:
            form.add_error(None, refusal.message)
        else:
            if post.publish_at > post.created_at:
                messages.success(request, _("Your post is scheduled."))
            else:
                messages.success(request, _("Your post is published."))
            return redirect(post.get_absolute_url())
    return render(request, "communities/post_form.html", composer_context(request, community, form))


def detail_context(request: HttpRequest, post: Post) -> dict[str, Any]:
    user = request.user
    poll = post_poll(post)
    accepted = post.accepted_answer
    moderator = can_moderate(user, post)
    if accepted is not None and accepted.hidden_at is not None and not moderator:
        accepted = None
    return {
        "community": post.community,
        "post": post,
        "poll": poll_state(poll, user) if poll is not None else None,
        "accepted": accepted,
        "can_edit": user.pk == post.author_id or animates(user, post.community),
        "can_accept": post.kind == PostKind.QUESTION
        and (user.pk == post.author_id or animates(user, post.community)),
        "can_pin": animates(user, post.community),
        "can_moderate": moderator,
        "comment_form": CommentForm(),
        "conversation": thread_context(post, user, request.GET.get("page")),
        "reactions": reactions(post, user),
        "scheduled": post.publish_at > post.created_at and post.announced_at is None,
    }


@login_required
@require_GET
def post_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    post = readable_post(request, slug, pk)
    return render(request, "communities/post_detail.html", detail_context(request, post))


@login_required
@require_http_methods(["GET", "POST"])
def edit_post(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The author or an animator rewrites the post; the history keeps what it said."""
    post = readable_post(request, slug, pk)
    if not services.may_edit(request.user, post):
        raise Http404
    initial = {
        "title": post.title,
        "body": post.body,
        "tags": ", ".join(tag.name for tag in post.tags.all()),
    }
    form = PostForm(request.POST or None, request.FILES or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_post(
                post=post,
                by=request.user,  # type: ignore[arg-type]
                title=data.get("title", ""),
                body=data["body"],
                tags=form.tag_list(),
                attachments=data.get("attachments") or [],
            )
        except ConversationError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(post.get_absolute_url())
    return render(
        request,
        "communities/post_edit.html",
        {"community": post.community, "post": post, "form": form},
    )


@login_required
@require_GET
def post_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """What the post said before each edit, for every reader of the post."""
    post = readable_post(request, slug, pk)
    return render(
        request,
        "communities/post_history.html",
        {"community": post.community, "post": post, "revisions": revisions(post)},
    )


@login_required
@require_POST
def delete_post(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    post = readable_post(request, slug, pk)
    community = post.community
    try:
        services.delete_post(post=post, by=request.user)  # type: ignore[arg-type]
    except ConversationError as refusal:
        refused(request, refusal)
        return redirect(post.get_absolute_url())
    messages.success(request, _("The post is deleted."))
    return redirect("communities:posts", slug=community.slug)


@login_required
@require_POST
def pin_post(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Pin (`action=pin`) or unpin the post; animators only."""
    post = readable_post(request, slug, pk)
    pin = request.POST.get("action", "pin") == "pin"
    action = services.pin_post if pin else services.unpin_post
    try:
        action(post=post, by=request.user)  # type: ignore[arg-type]
    except ConversationError as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("The post is pinned.") if pin else _("The post is unpinned."))
    return redirect(post.get_absolute_url())
