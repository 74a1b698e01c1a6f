"""What readers do on a post (POST only): comment, report, accept an answer, vote in a poll.

Each looks the post up through the readers' rules first (404 otherwise), then calls a
service, whose refusal becomes a message on the post page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.models import Post
from communities.post_forms import CommentForm
from communities.selectors.posts import post_for, post_poll
from communities.services.answers import accept_answer as accept
from communities.services.answers import unaccept_answer as unaccept
from communities.services.polls import cast_poll_vote
from core.conversations import services as conversations
from core.conversations.errors import ConversationError
from core.conversations.forms import refused_comment_page
from core.conversations.models import Comment
from core.conversations.selectors import thread_page_number
from core.pagination import address_on_page
from core.ratelimits import rate_limited

from .posts import readable_post, refused


def _post_by_id(request: HttpRequest, post_id: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("community"), pk=post_id)
    readable = post_for(request.user, post.community, post.pk)
    if readable is None:
        raise Http404
    return readable


def _comment_url(comment: Comment, post: Post, user: object) -> str:
    number = thread_page_number(comment, post, user)  # type: ignore[arg-type]
    return address_on_page(post.get_absolute_url(), number, f"comment-{comment.pk}")


@login_required
@require_POST
@rate_limited("comment")
def comment(request: HttpRequest, post_id: int) -> HttpResponse:
    """A comment (an answer, for a question), or a reply to one (`parent`)."""
    post = _post_by_id(request, post_id)
    form = CommentForm(request.POST)
    action = reverse("communities:comment", args=[post.pk])
    back_url = post.get_absolute_url() + "#comments"
    if not form.is_valid():
        return refused_comment_page(request, form=form, action=action, back_url=back_url)
    parent = None
    if form.cleaned_data.get("parent"):
        parent = Comment.objects.on(post).filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            raise Http404
    try:
        added = conversations.post_comment(
            author=request.user,  # type: ignore[arg-type]
            target=post,
            body=form.cleaned_data["body"],
            parent=parent,
        )
    except ConversationError as refusal:
        if refusal.status == 404:
            raise Http404 from refusal
        return refused_comment_page(
            request, form=form, action=action, back_url=back_url, refusal=refusal.message
        )
    messages.success(request, _("Your comment is published."))
    return HttpResponseRedirect(_comment_url(added, post, request.user))


@login_required
@require_POST
def report_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    found = get_object_or_404(Comment.objects.select_related("conversation"), pk=comment_id)
    target = conversations.target_of(found)
    if not isinstance(target, Post):
        raise Http404
    post = _post_by_id(request, target.pk)
    try:
        conversations.report(
            reporter=request.user,  # type: ignore[arg-type]
            comment=found,
            reason=request.POST.get("reason", ""),
        )
    except ConversationError as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("Thank you: moderators will look at it."))
    return redirect(post.get_absolute_url() + "#comments")


@login_required
@require_POST
def report_post(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    post = readable_post(request, slug, pk)
    try:
        conversations.report(
            reporter=request.user,  # type: ignore[arg-type]
            target=post,
            reason=request.POST.get("reason", ""),
        )
    except ConversationError as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("Thank you: moderators will look at it."))
    post.refresh_from_db(fields=["hidden_at"])
    if post.hidden_at is not None and post_for(request.user, post.community, post.pk) is None:
        return redirect("communities:posts", slug=post.community.slug)
    return redirect(post.get_absolute_url())


@login_required
@require_POST
@rate_limited("comment")
def react(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A reader adds or takes back one reaction (`kind`) on the post."""
    post = readable_post(request, slug, pk)
    try:
        added = conversations.react(
            user=request.user,  # type: ignore[arg-type]
            target=post,
            kind=request.POST.get("kind", ""),
        )
    except ConversationError as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("Reaction added.") if added else _("Reaction removed."))
    return redirect(post.get_absolute_url() + "#reactions")


@login_required
@require_POST
def accept_answer(request: HttpRequest, slug: str, pk: int, comment_id: int) -> HttpResponse:
    """The question's author or an animator accepts this answer (replacing another)."""
    post = readable_post(request, slug, pk)
    answer = Comment.objects.on(post).filter(pk=comment_id).first()
    if answer is None:
        raise Http404
    try:
        accept(post=post, comment=answer, by=request.user)  # type: ignore[arg-type]
    except ConversationError as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("This answer is now the accepted answer."))
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def unaccept_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    post = readable_post(request, slug, pk)
    try:
        unaccept(post=post, by=request.user)  # type: ignore[arg-type]
    except ConversationError as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("The question has no accepted answer any more."))
    return redirect(post.get_absolute_url())


@login_required
@require_POST
@rate_limited("poll_vote")
def poll_vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One ballot per person: the chosen answer(s) in `choice`."""
    post = readable_post(request, slug, pk)
    poll = post_poll(post)
    if poll is None:
        raise Http404
    try:
        chosen = [int(value) for value in request.POST.getlist("choice")]
    except ValueError:
        chosen = []
    try:
        cast_poll_vote(poll=poll, user=request.user, choice_ids=chosen)  # type: ignore[arg-type]
    except ConversationError as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("Your vote is counted."))
    return redirect(post.get_absolute_url() + "#poll")
