"""A news or leadership page: reactions and comments (each action a POST with CSRF).

The conversation itself is core.conversations'; these views add Wagtail's page privacy (with
the request: a password entered counts) and the news pages' addresses and notices.
"""

from contextlib import suppress
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.conversations import selectors as conversation_selectors
from core.conversations import services as conversation_services
from core.conversations.errors import Conflict, ConversationError
from core.conversations.forms import CommentForm, refused_comment_page
from core.conversations.models import Comment
from core.pagination import address_on_page
from core.ratelimits import rate_limited
from news.models import Acknowledgement, LeadershipUpdatePage, NewsPage

from .common import back, viewable_page, wants_json

ENGAGEABLE = (NewsPage, LeadershipUpdatePage)


def engagement_context(request, page) -> dict:
    user = request.user
    acknowledged = None
    if isinstance(page, NewsPage) and page.must_read and user.is_authenticated:
        acknowledged = (
            Acknowledgement.objects.filter(page=page, user=user)
            .values_list("acknowledged_at", flat=True)
            .first()
        )
    conversation = conversation_selectors.thread_context(page, user, request.GET.get("page"))
    return {
        "reactions": conversation_selectors.reactions(page, user),
        "conversation": conversation,
        "comments": conversation.threads,
        "can_moderate": conversation.can_moderate,
        "acknowledged_at": acknowledged,
        "comment_form": CommentForm(auto_id="new-comment-%s"),
    }


def comment_url(page, comment: Comment, user) -> str:
    """The address showing this comment: its page of conversations, scrolled to it."""
    number = conversation_selectors.thread_page_number(comment, page, user)
    return address_on_page(page.url, number, f"comment-{comment.pk}")


def _error(request, error: ConversationError) -> None:
    messages.error(request, error.message)


def _comment_on_page(comment_id, **filters) -> tuple[Comment, Any]:
    """The comment (of a news page or leadership update) and its specific page."""
    comment = get_object_or_404(
        Comment.objects.select_related("conversation"), pk=comment_id, **filters
    )
    page = conversation_services.target_of(comment)
    if not isinstance(page, ENGAGEABLE):
        raise Http404
    return comment, page


@require_POST
def react(request, page_id: int):
    """Any employee who may open the page: add or take back one reaction."""
    page = viewable_page(request, page_id, *ENGAGEABLE)
    kind = request.POST.get("kind", "")
    try:
        added = conversation_services.react(user=request.user, target=page, kind=kind)
    except ConversationError as error:
        if wants_json(request):
            return JsonResponse({"error": error.message}, status=400)
        _error(request, error)
        return back(request, page.url, "#reactions")
    message = _("Reaction added.") if added else _("Reaction removed.")
    if wants_json(request):
        summary = conversation_selectors.reactions(page, request.user)
        count = next(r.count for r in summary if r.kind == kind)
        return JsonResponse({"kind": kind, "mine": added, "count": count, "message": message})
    messages.success(request, message)
    return back(request, page.url, "#reactions")


@require_POST
@rate_limited("comment")
def add_comment(request, page_id: int):
    """Any employee who may open the page: comment, or reply to a top-level comment (a reply
    to a reply joins its thread)."""
    page = viewable_page(request, page_id, *ENGAGEABLE)
    parent = None
    parent_id = request.POST.get("parent", "")
    if parent_id:
        if not parent_id.isdigit():
            raise Http404
        parent = get_object_or_404(Comment.objects.on(page).select_related("parent"), pk=parent_id)
        parent = parent.parent or parent  # one level of replies: answer in the same thread
    try:
        comment = conversation_services.post_comment(
            author=request.user, target=page, body=request.POST.get("body", ""), parent=parent
        )
    except ConversationError as error:
        return refused_comment_page(
            request,
            form=CommentForm(request.POST),
            action=reverse("news:comment", args=[page.pk]),
            back_url=f"{page.url}#comments",
            refusal=error.message,
        )
    messages.success(request, _("Your comment is published."))
    return back(request, comment_url(page, comment, request.user))


def _own_comment(request, comment_id: int) -> tuple[Comment, Any]:
    comment, page = _comment_on_page(comment_id)
    viewable_page(request, page.pk)
    if comment.author_id != request.user.pk:
        raise PermissionDenied
    return comment, page


@require_http_methods(["GET", "POST"])
@rate_limited("comment")
def edit_comment(request, comment_id: int):
    """Only the author: a form (no JS needed) to rewrite the comment; the previous body is
    kept in the comment's history."""
    comment, page = _own_comment(request, comment_id)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    error = False
    if request.method == "POST":
        try:
            conversation_services.edit_comment(
                user=request.user, comment=comment, body=request.POST.get("body", "")
            )
        except ConversationError as problem:
            form.is_valid()
            form.errors["body"] = form.error_class([problem.message])
            error = True
        else:
            messages.success(request, _("Your comment is updated."))
            return back(request, comment_url(page, comment, request.user))
    return render(
        request,
        "news/comment_edit.html",
        {"comment": comment, "page_url": page.url, "form": form},
        status=400 if error else 200,
    )


@require_POST
def delete_comment(request, comment_id: int):
    """Only the author deletes their comment."""
    comment, page = _own_comment(request, comment_id)
    conversation_services.delete_comment(user=request.user, comment=comment)
    messages.success(request, _("Your comment is deleted."))
    return back(request, page.url, "#comments")


@require_POST
def report_comment(request, comment_id: int):
    """Any employee who may open the page reports a comment to the editors (once)."""
    comment, page = _comment_on_page(comment_id, hidden_at__isnull=True)
    viewable_page(request, page.pk)
    with suppress(Conflict):  # reported already: counted once
        conversation_services.report(
            reporter=request.user, comment=comment, reason=request.POST.get("reason", "")
        )
    messages.success(request, _("Thank you: the editors will look at this comment."))
    return back(request, comment_url(page, comment, request.user))


@require_POST
@permission_required("news.moderate_engagement", raise_exception=True)
def hide_comment(request, comment_id: int):
    """Editors (news.moderate_engagement) hide a comment."""
    comment, page = _comment_on_page(comment_id)
    conversation_services.hide(moderator=request.user, comment=comment)
    messages.success(request, _("The comment is hidden."))
    return back(request, comment_url(page, comment, request.user))


@require_POST
@permission_required("news.moderate_engagement", raise_exception=True)
def restore_comment(request, comment_id: int):
    """Editors (news.moderate_engagement) show a hidden comment again or dismiss reports."""
    comment, page = _comment_on_page(comment_id)
    if comment.is_hidden:
        conversation_services.restore(moderator=request.user, comment=comment)
    else:
        conversation_services.dismiss_report(moderator=request.user, comment=comment)
    messages.success(request, _("The comment is visible."))
    return back(request, comment_url(page, comment, request.user))


@require_GET
@permission_required("news.moderate_engagement", raise_exception=True)
def moderation_queue(request):
    """Editors: the comments employees reported (the moderation queue, news only)."""
    items = conversation_selectors.moderation_queue(request.user, {"news"})
    return render(request, "conversations/queue.html", {"items": items, "scope": "news"})
