"""Submitting and reading ideas; voting, commenting, following, answering (POST only)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.conversations.forms import refused_comment_page
from core.conversations.models import Comment
from core.ratelimits import rate_limited
from ideas import services
from ideas.forms import AnswerForm, CommentForm, IdeaForm
from ideas.selectors import can_manage_challenge, idea_detail, similar_ideas

from .common import back, comment_url, run_action, visible_challenge, visible_idea


@require_http_methods(["GET", "POST"])
@rate_limited("idea")
def submit_idea(request, challenge_id: int):
    """Anyone in the audience, during submission. `check` re-shows the form with look-alikes."""
    challenge = visible_challenge(request, challenge_id)
    form = IdeaForm(request.POST or None, allow_anonymous=challenge.allow_anonymous_ideas)
    similar = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "check" in request.POST:
            similar = similar_ideas(challenge, data["title"], 5, user=request.user)
        else:
            created = []

            def submit():
                created.append(
                    services.submit_idea(
                        user=request.user,
                        challenge=challenge,
                        title=data["title"],
                        description=data["description"],
                        tags=data["tags"],
                        co_author_ids=data["co_authors"],
                        anonymous=data.get("anonymous", False),
                    )
                )

            if run_action(request, submit, success=_("Thank you! Your idea is published.")):
                return redirect(created[0].get_absolute_url())
    elif request.method == "POST" and request.POST.get("title"):
        similar = similar_ideas(challenge, request.POST["title"], 5, user=request.user)
    return render(
        request,
        "ideas/idea_form.html",
        {
            "challenge": challenge,
            "form": form,
            "similar": similar,
            "accepts_ideas": challenge.accepts_ideas(),
        },
    )


@require_GET
def similar(request, challenge_id: int):
    """JSON for the as-you-type hint: `{"results": [{"id", "title", "url", "votes"}]}`."""
    challenge = visible_challenge(request, challenge_id)
    title = request.GET.get("title", "")[:200]
    found = similar_ideas(challenge, title, 5, user=request.user)
    return JsonResponse(
        {
            "results": [
                {
                    "id": idea.pk,
                    "title": idea.title,
                    "url": idea.get_absolute_url(),
                    "votes": idea.vote_count,
                }
                for idea in found
            ]
        }
    )


@require_GET
def detail(request, idea_id: int):
    idea = visible_idea(request, idea_id)
    context = idea_detail(idea, request.user, request.GET.get("page"))
    context["comment_form"] = CommentForm()
    if context["can_manage"]:
        context["answer_form"] = AnswerForm(initial={"status": idea.status})
    return render(request, "ideas/idea_detail.html", context)


@require_POST
@rate_limited("vote")
def vote(request, idea_id: int):
    idea = visible_idea(request, idea_id)
    run_action(
        request,
        lambda: services.cast_vote(user=request.user, idea=idea),
        success=_("Your vote is counted."),
    )
    return back(request, idea.get_absolute_url())


@require_POST
@rate_limited("vote")
def unvote(request, idea_id: int):
    idea = visible_idea(request, idea_id)
    run_action(
        request,
        lambda: services.withdraw_vote(user=request.user, idea=idea),
        success=_("Your vote is taken back."),
    )
    return back(request, idea.get_absolute_url())


@require_POST
@rate_limited("comment")
def comment(request, idea_id: int):
    idea = visible_idea(request, idea_id)
    form = CommentForm(request.POST)
    action = reverse("ideas:comment", args=[idea.pk])
    back_url = idea.get_absolute_url() + "#comments"
    if not form.is_valid():
        return refused_comment_page(request, form=form, action=action, back_url=back_url)
    parent = None
    if form.cleaned_data.get("parent"):
        parent = Comment.objects.on(idea).filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            raise Http404
    try:
        added = services.add_comment(
            user=request.user, idea=idea, body=form.cleaned_data["body"], parent=parent
        )
    except services.IdeasError as refusal:
        if refusal.status == 404:
            raise Http404 from refusal
        return refused_comment_page(
            request, form=form, action=action, back_url=back_url, refusal=refusal.message
        )
    messages.success(request, _("Your comment is published."))
    return back(request, comment_url(added, idea, request.user))


@require_POST
def follow_idea(request, idea_id: int):
    idea = visible_idea(request, idea_id)
    if request.POST.get("action") == "unfollow":
        services.unfollow(user=request.user, idea=idea)
        messages.success(request, _("You no longer follow this idea."))
    else:
        services.follow(user=request.user, idea=idea)
        messages.success(request, _("You follow this idea."))
    return back(request, idea.get_absolute_url())


@require_POST
def follow_challenge(request, challenge_id: int):
    challenge = visible_challenge(request, challenge_id)
    if request.POST.get("action") == "unfollow":
        services.unfollow(user=request.user, challenge=challenge)
        messages.success(request, _("You no longer follow this challenge."))
    else:
        services.follow(user=request.user, challenge=challenge)
        messages.success(request, _("You follow this challenge."))
    return back(request, challenge.url)


@require_POST
def accept_co_authorship(request, idea_id: int):
    """The invited person agrees to be named as co-author."""
    idea = visible_idea(request, idea_id)
    run_action(
        request,
        lambda: services.accept_co_authorship(user=request.user, idea=idea),
        success=_("You are now a co-author of this idea."),
    )
    return back(request, idea.get_absolute_url())


@require_POST
def decline_co_authorship(request, idea_id: int):
    """The invited person refuses: their name never shows on the idea."""
    idea = visible_idea(request, idea_id)
    run_action(
        request,
        lambda: services.decline_co_authorship(user=request.user, idea=idea),
        success=_("You declined; your name will not appear on this idea."),
    )
    return back(request, idea.get_absolute_url())


@require_POST
def answer(request, idea_id: int):
    idea = visible_idea(request, idea_id)
    if not can_manage_challenge(request.user, idea.challenge):
        return HttpResponseForbidden(_("Only the challenge owner can answer ideas."))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        if form.has_error("message", "max_length"):
            messages.error(request, form.errors["message"][0])  # type: ignore[arg-type]
        else:
            messages.error(request, _("Choose a status and write a message."))
    else:
        run_action(
            request,
            lambda: services.answer_idea(
                user=request.user,
                idea=idea,
                status=form.cleaned_data["status"],
                message=form.cleaned_data["message"],
            ),
            success=_("Your answer is published."),
        )
    return back(request, idea.get_absolute_url())


@require_GET
def notifications(request):
    """The ideas hub's old notices page: they now live in the shared notification centre."""
    return redirect("notifications:list", permanent=True)
