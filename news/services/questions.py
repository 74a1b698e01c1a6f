"""Writes for leadership questions, their upvotes and answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from news.models import LeadershipUpdatePage, Question, QuestionStatus, QuestionVote
from news.selectors import can_answer_questions, can_moderate
from news.tasks import notify_question_answered
from people.models import Profile

if TYPE_CHECKING:
    from django.contrib.auth.models import User

QUESTION_MAX_LENGTH = 2000


def ask_question(
    *, author: User, body: str, anonymous: bool = False, update: LeadershipUpdatePage | None = None
) -> Question:
    """An employee asks leadership a question, on an update or in general."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write your question first."))
    if len(body) > QUESTION_MAX_LENGTH:
        raise ValidationError(_("Keep it under %(max)d characters.") % {"max": QUESTION_MAX_LENGTH})
    with transaction.atomic():
        return Question.objects.create(
            author=author, body=body, anonymous=anonymous, update=update
        )


def upvote_question(*, user: User, question: Question) -> bool:
    """One upvote per person, counted once even under concurrent requests; True if new."""
    if question.status != QuestionStatus.OPEN:
        raise ValidationError(_("Only open questions can be upvoted."))
    with transaction.atomic():
        _vote, created = QuestionVote.objects.get_or_create(question=question, user=user)
        if created:
            Question.objects.filter(pk=question.pk).update(vote_count=F("vote_count") + 1)
    return created


def withdraw_vote(*, user: User, question: Question) -> bool:
    """Take an upvote back; True if there was one."""
    with transaction.atomic():
        deleted, _count = QuestionVote.objects.filter(question=question, user=user).delete()
        if deleted:
            Question.objects.filter(pk=question.pk, vote_count__gt=0).update(
                vote_count=F("vote_count") - 1
            )
    return bool(deleted)


def answer_question(*, leader: User, question: Question, answer: str) -> Question:
    """A leader answers in the open; the question becomes answered and its asker is emailed."""
    if not can_answer_questions(leader):
        raise PermissionDenied
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write the answer first."))
    first_answer = not question.answer
    question.answer = answer
    question.answered_by = Profile.objects.filter(user=leader).first()
    question.answered_at = timezone.now()
    question.status = QuestionStatus.ANSWERED
    with transaction.atomic():
        question.save(update_fields=["answer", "answered_by", "answered_at", "status"])
        if first_answer:
            notify_question_answered.enqueue(question.pk)
    return question


def set_question_status(*, leader: User, question: Question, status: str) -> Question:
    """A leader or a moderator closes a question (off-topic, duplicate, abuse) or reopens it."""
    if not (can_answer_questions(leader) or can_moderate(leader)):
        raise PermissionDenied
    if status not in (QuestionStatus.OPEN, QuestionStatus.CLOSED):
        raise ValidationError(_("A question can only be closed or reopened."))
    question.status = status
    with transaction.atomic():
        question.save(update_fields=["status"])
    return question
