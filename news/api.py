"""Read-only JSON of leadership questions (mounted at /api/news/): anonymity holds here too."""

from datetime import datetime

from ninja import Router, Schema
from ninja.errors import HttpError

from intranet.api import signed_in_user
from news.models import Question, QuestionStatus
from news.selectors import with_public_authors

router = Router(tags=["news"])


class QuestionOut(Schema):
    id: int
    body: str
    status: str
    votes: int
    author: str | None
    anonymous: bool
    asked_at: datetime
    answer: str
    answered_by: str | None
    update_url: str | None


@router.get("/questions/", response=list[QuestionOut], summary="Questions to leadership")
def list_questions(request, status: str = QuestionStatus.OPEN, limit: int = 50):
    """Open, answered or closed questions, most upvoted first; `author` is null when anonymous."""
    if status not in QuestionStatus.values:
        raise HttpError(400, f"status must be one of {', '.join(QuestionStatus.values)}")
    if not 1 <= limit <= 100:
        raise HttpError(400, "limit must be between 1 and 100")
    viewer = signed_in_user(request)
    questions = with_public_authors(
        Question.objects.filter(status=status).order_by("-vote_count", "-created_at")[:limit],
        viewer,
    )
    return [
        QuestionOut(
            id=question.pk,
            body=question.body,
            status=question.status,
            votes=question.vote_count,
            author=question.shown_author,
            anonymous=question.anonymous,
            asked_at=question.created_at,
            answer=question.answer,
            answered_by=question.answered_by.full_name if question.answered_by else None,
            update_url=question.update.url if question.update else None,
        )
        for question in questions
    ]
