"""Read-only JSON of leadership questions (mounted at /api/news/): anonymity holds here too."""

from datetime import datetime
from typing import Literal

from ninja import Query, Router, Schema

from core.api import ERRORS, signed_in_user
from news.selectors import with_public_authors
from news.selectors.questions import questions_visible_to

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


@router.get(
    "/questions/",
    response={200: list[QuestionOut], **ERRORS},
    summary="Questions to leadership",
)
def list_questions(
    request,
    status: Literal["open", "answered", "closed"] = "open",
    limit: int = Query(50, ge=1, le=100),
):
    """Open, answered or closed questions, most upvoted first; `author` is null when anonymous."""
    viewer = signed_in_user(request)
    assert viewer is not None  # the API's auth let the request in
    questions = with_public_authors(
        questions_visible_to(viewer)
        .filter(status=status)
        .order_by("-vote_count", "-created_at")[:limit],
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
