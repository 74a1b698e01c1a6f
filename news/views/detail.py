"""A news or leadership page: reactions and comments (each action a POST with CSRF)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.pagination import address_on_page
from core.ratelimits import rate_limited
from news import services
from news.models import Acknowledgement, Comment, LeadershipUpdatePage, NewsPage
from news.selectors import (
    can_moderate,
    comment_page_number,
    comments_for_page,
    reaction_summary,
    reported_comments,
)

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
    return {
        "reactions": reaction_summary(page, user),
        "comments": comments_for_page(page, user, request.GET.get("page")),
        "can_moderate": can_moderate(user),
        "acknowledged_at": acknowledged,
    }


def comment_url(page, comment: Comment, user) -> str:
    """The address showing this comment: its page of conversations, scrolled to it."""
    return address_on_page(page.url, comment_page_number(comment, user), f"comment-{comment.pk}")


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@require_POST
def react(request, page_id: int):
    """Any employee who may open the page: add or take back one reaction."""
    page = viewable_page(request, page_id, *ENGAGEABLE)
    kind = request.POST.get("kind", "")
    try:
        added = services.toggle_reaction(user=request.user, page=page, kind=kind)
    except ValidationError as error:
        if wants_json(request):
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        _error(request, error)
        return back(request, page.url, "#reactions")
    message = _("Reaction added.") if added else _("Reaction removed.")
    if wants_json(request):
        count = next(r.count for r in reaction_summary(page, request.user) if r.kind == kind)
        return JsonResponse({"kind": kind, "mine": added, "count": count, "message": message})
    messages.success(request, message)
    return back(request, page.url, "#reactions")


@require_POST
@rate_limited("comment")
def add_comment(request, page_id: int):
    """Any employee who may open the page: comment, or reply to a top-level comment."""
    page = viewable_page(request, page_id, *ENGAGEABLE)
    parent = None
    parent_id = request.POST.get("parent", "")
    if parent_id:
        if not parent_id.isdigit():
            raise Http404
        parent = get_object_or_404(Comment, pk=parent_id, page_id=page.pk)
    try:
        comment = services.add_comment(
            author=request.user, page=page, body=request.POST.get("body", ""), parent=parent
        )
    except ValidationError as error:
        _error(request, error)
        return back(request, page.url, "#comments")
    messages.success(request, _("Your comment is published."))
    return back(request, comment_url(page, comment, request.user))


def _own_comment(request, comment_id: int) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=comment_id)
    viewable_page(request, comment.page_id)
    if comment.author_id != request.user.pk:
        raise PermissionDenied
    return comment


@require_http_methods(["GET", "POST"])
@rate_limited("comment")
def edit_comment(request, comment_id: int):
    """Only the author: a form (no JS needed) to rewrite the comment."""
    comment = _own_comment(request, comment_id)
    page_url = comment.page.specific.url
    error = None
    if request.method == "POST":
        try:
            services.edit_comment(
                user=request.user, comment=comment, body=request.POST.get("body", "")
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("Your comment is updated."))
            return back(request, comment_url(comment.page.specific, comment, request.user))
    return render(
        request,
        "news/comment_edit.html",
        {"comment": comment, "page_url": page_url, "error": error},
        status=400 if error else 200,
    )


@require_POST
def delete_comment(request, comment_id: int):
    """Only the author deletes their comment."""
    comment = _own_comment(request, comment_id)
    page_url = comment.page.specific.url
    services.delete_comment(user=request.user, comment=comment)
    messages.success(request, _("Your comment is deleted."))
    return back(request, page_url, "#comments")


@require_POST
def report_comment(request, comment_id: int):
    """Any employee who may open the page reports a comment to the editors."""
    comment = get_object_or_404(Comment, pk=comment_id, hidden_at__isnull=True)
    page = viewable_page(request, comment.page_id)
    services.report_comment(
        reporter=request.user, comment=comment, reason=request.POST.get("reason", "")
    )
    messages.success(request, _("Thank you: the editors will look at this comment."))
    return back(request, comment_url(page, comment, request.user))


@require_POST
@permission_required("news.moderate_engagement", raise_exception=True)
def hide_comment(request, comment_id: int):
    """Editors (news.moderate_engagement) hide a comment."""
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=comment_id)
    services.hide_comment(moderator=request.user, comment=comment)
    messages.success(request, _("The comment is hidden."))
    return back(request, comment_url(comment.page.specific, comment, request.user))


@require_POST
@permission_required("news.moderate_engagement", raise_exception=True)
def restore_comment(request, comment_id: int):
    """Editors (news.moderate_engagement) show a hidden comment again or dismiss reports."""
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=comment_id)
    services.restore_comment(moderator=request.user, comment=comment)
    messages.success(request, _("The comment is visible."))
    return back(request, comment_url(comment.page.specific, comment, request.user))


@require_GET
@permission_required("news.moderate_engagement", raise_exception=True)
def moderation_queue(request):
    """Editors: the comments employees reported."""
    return render(request, "news/moderation.html", {"comments": reported_comments()[:200]})
