"""Ask leadership, upvote, answer; "You asked, we answered"."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ratelimits import rate_limited
from news import services
from news.forms import AnswerForm, QuestionForm
from news.models import LeadershipIndexPage, LeadershipUpdatePage, Question, QuestionStatus
from news.selectors import (
    answered_questions,
    can_answer_questions,
    can_moderate,
    general_open_questions,
    latest_leadership_updates,
    leadership_answer_rate,
    questions_for_update,
    with_public_authors,
)

from .common import back, viewable_page, wants_json


def leadership_index_context(request, index) -> dict:
    return {
        "updates": latest_leadership_updates(request.user, limit=20, with_covers=True),
        "questions": general_open_questions(request.user),
        "can_answer": can_answer_questions(request.user),
        "can_close": can_answer_questions(request.user) or can_moderate(request.user),
        "statuses": QuestionStatus,
        "ask_form": QuestionForm(),
        "answer_rate": leadership_answer_rate(),
    }


def update_questions_context(request, page) -> dict:
    return {
        "questions": questions_for_update(page, request.user),
        "can_answer": can_answer_questions(request.user),
        "can_close": can_answer_questions(request.user) or can_moderate(request.user),
        "statuses": QuestionStatus,
        "ask_form": QuestionForm(initial={"update": page.pk}),
    }


def _leadership_url() -> str:
    index = LeadershipIndexPage.objects.live().first()
    return index.url if index else "/"


@require_POST
@rate_limited("question")
def ask(request):
    """Any employee asks a question, on an update they may open or in general."""
    update = None
    update_id = request.POST.get("update", "")
    if update_id:
        if not update_id.isdigit():
            raise Http404
        update = viewable_page(request, int(update_id), LeadershipUpdatePage)
    fallback = update.url if update else _leadership_url()
    try:
        question = services.ask_question(
            author=request.user,
            body=request.POST.get("body", ""),
            anonymous=request.POST.get("anonymous") == "on",
            update=update,
        )
    except ValidationError as error:
        form = QuestionForm(request.POST)
        form.refuse(" ".join(error.messages))
        return render(
            request,
            "news/ask_refused.html",
            {"ask_form": form, "update": update, "back_url": f"{fallback}#ask"},
            status=400,
        )
    messages.success(request, _("Your question is sent to leadership."))
    return back(request, fallback, f"#question-{question.pk}")


def _question(request, question_id: int) -> Question:
    question = get_object_or_404(Question.objects.select_related("update"), pk=question_id)
    if question.update_id:
        viewable_page(request, question.update_id)
    return question


@require_POST
@rate_limited("vote")
def vote(request, question_id: int):
    """Any employee upvotes an open question, or takes their vote back (`withdraw`)."""
    question = _question(request, question_id)
    fallback = question.update.url if question.update else _leadership_url()
    withdraw = bool(request.POST.get("withdraw"))
    try:
        if withdraw:
            services.withdraw_vote(user=request.user, question=question)
        else:
            services.upvote_question(user=request.user, question=question)
    except ValidationError as error:
        if wants_json(request):
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        messages.error(request, " ".join(error.messages))
    else:
        if wants_json(request):
            question.refresh_from_db(fields=["vote_count"])
            return JsonResponse({"votes": question.vote_count, "voted": not withdraw})
    return back(request, fallback, f"#question-{question.pk}")


@require_http_methods(["GET", "POST"])
@permission_required("news.answer_question", raise_exception=True)
def answer(request, question_id: int):
    """Leaders (news.answer_question) answer in the open."""
    question = _question(request, question_id)
    form = AnswerForm(request.POST or None, initial={"answer": question.answer})
    error = False
    if request.method == "POST":
        try:
            services.answer_question(
                leader=request.user, question=question, answer=request.POST.get("answer", "")
            )
        except ValidationError as problem:
            form.refuse(" ".join(problem.messages))
            error = True
        else:
            messages.success(request, _("Your answer is published."))
            fallback = question.update.url if question.update else _leadership_url()
            return back(request, fallback, f"#question-{question.pk}")
    [question] = with_public_authors([question], request.user)
    return render(
        request,
        "news/question_answer.html",
        {"question": question, "form": form},
        status=400 if error else 200,
    )


@require_POST
def set_status(request, question_id: int):
    """Leaders (news.answer_question) and moderators (news.moderate_engagement) close or reopen."""
    if not (can_answer_questions(request.user) or can_moderate(request.user)):
        raise PermissionDenied
    question = _question(request, question_id)
    try:
        services.set_question_status(
            leader=request.user, question=question, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    fallback = question.update.url if question.update else _leadership_url()
    return back(request, fallback, f"#question-{question.pk}")


@require_GET
def answered(request):
    """Any employee: "You asked, we answered", newest answers first."""
    paginator = Paginator(answered_questions(request.user), 20)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "news/answered.html",
        {
            "page_obj": page,
            "questions": with_public_authors(page.object_list, request.user),
            "answer_rate": leadership_answer_rate(),
        },
    )
