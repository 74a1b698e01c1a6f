"""Reads of leadership questions; the only place that decides whether an author is shown."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone

from news.models import LeadershipUpdatePage, Question, QuestionStatus, QuestionVote

from .access import can_reveal_anonymous_authors, viewable_by

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def question_author_name(question: Question, viewer: User | AnonymousUser | None) -> str | None:
    """The asker's name, or None when the question is anonymous and the viewer no moderator."""
    if question.anonymous and not (viewer and can_reveal_anonymous_authors(viewer)):
        return None
    return question.author.get_full_name() or question.author.get_username()


def with_public_authors(
    questions: Iterable[Question] | QuerySet[Question], viewer: User | AnonymousUser | None
) -> list[Question]:
    """Questions with `shown_author` set for this viewer and `has_voted` for their upvote.

    Templates only ever read `shown_author`; three queries whatever the number of questions.
    """
    if isinstance(questions, QuerySet):
        questions = questions.select_related("author", "answered_by__user", "update")
    questions = list(questions)
    voted: set[int] = set()
    if viewer is not None and viewer.is_authenticated and questions:
        voted = set(
            QuestionVote.objects.filter(
                user=viewer, question__in=[q.pk for q in questions]
            ).values_list("question_id", flat=True)
        )
    # The viewer's right is asked once for the list, not once per anonymous question (and
    # not at all without one: it reads the viewer's permissions).
    reveal = (
        viewer is not None
        and any(question.anonymous for question in questions)
        and can_reveal_anonymous_authors(viewer)
    )
    for question in questions:
        author = question.author
        shown = author.get_full_name() or author.get_username()
        question.shown_author = None if question.anonymous and not reveal else shown
        question.has_voted = question.pk in voted
        question.is_own = viewer is not None and question.author_id == viewer.pk
    return questions


def questions_for_update(
    update: LeadershipUpdatePage, viewer: User | AnonymousUser | None
) -> list[Question]:
    queryset = (
        Question.objects.filter(update=update)
        .exclude(status=QuestionStatus.CLOSED)
        .select_related("author", "answered_by__user")  # not the update: it is this one
        .order_by("-vote_count", "-created_at")
    )
    questions = list(queryset)
    for question in questions:
        question.update = update
    return with_public_authors(questions, viewer)


def questions_visible_to(
    viewer: User | AnonymousUser, *, blocked: list[str] | None = None
) -> QuerySet[Question]:
    """General questions, and questions on leadership updates this viewer may open.

    A question on an unpublished or private update is as private as the update itself.
    """
    updates = viewable_by(LeadershipUpdatePage.objects.all(), viewer, blocked=blocked)
    return Question.objects.filter(Q(update__isnull=True) | Q(update__in=updates))


def general_open_questions(viewer: User | AnonymousUser, *, limit: int = 50) -> list[Question]:
    queryset = (
        questions_visible_to(viewer)
        .filter(status=QuestionStatus.OPEN)
        .order_by("-vote_count", "-created_at")
    )
    return with_public_authors(queryset[:limit], viewer)


def answered_questions(viewer: User | AnonymousUser) -> QuerySet[Question]:
    return (
        questions_visible_to(viewer).filter(status=QuestionStatus.ANSWERED).order_by("-answered_at")
    )


# Below this many questions, a share of them says little about leadership: none is shown.
ANSWER_RATE_MIN_QUESTIONS = 5
ANSWER_RATE_DAYS = 90


@dataclass(frozen=True)
class AnswerRate:
    """How leadership answered the questions asked over the last `days` days."""

    days: int
    asked: int
    answered: int
    median_delay: timedelta | None  # from asking to answering, over the answered ones

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.asked)

    @property
    def median_days(self) -> int | None:
        """The median delay in whole days, rounded up (an answer within the day is 1 day)."""
        if self.median_delay is None:
            return None
        return max(1, math.ceil(self.median_delay / timedelta(days=1)))


def leadership_answer_rate(
    *, days: int = ANSWER_RATE_DAYS, now: datetime | None = None
) -> AnswerRate | None:
    """Leadership's answer rate in the open: of every question asked over the last `days`
    days (general or on an update, anonymous or not, closed ones included: closing is not
    answering), the share answered and the median delay to the answer.

    None below `ANSWER_RATE_MIN_QUESTIONS` questions. One query whatever the number of
    questions: one duration (or null) each, a few hundred over 90 days.
    """
    since = (now or timezone.now()) - timedelta(days=days)
    delays = list(
        Question.objects.filter(created_at__gte=since)
        .annotate(delay=ExpressionWrapper(F("answered_at") - F("created_at"), DurationField()))
        .values_list("delay", flat=True)
    )
    if len(delays) < ANSWER_RATE_MIN_QUESTIONS:
        return None
    answered = [delay for delay in delays if delay is not None]
    return AnswerRate(
        days=days,
        asked=len(delays),
        answered=len(answered),
        median_delay=statistics.median(answered) if answered else None,
    )
