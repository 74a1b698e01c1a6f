"""Employees' questions to leadership, their upvotes and leaders' answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Question(models.Model):
    """A question to leadership, on an update or in general ("Ask leadership").

    `author` is kept even when `anonymous` is set so that moderators can act on abuse; it is
    never shown to anyone else (use `news.selectors.question_author_name`).
    """

    update = models.ForeignKey(
        "news.LeadershipUpdatePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leadership_questions"
    )
    anonymous = models.BooleanField(_("ask anonymously"), default=False)
    body = models.TextField(_("question"), max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=QuestionStatus.choices,
        default=QuestionStatus.OPEN,
        db_index=True,
    )
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        "people.Profile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    # Set for a viewer by `news.selectors.with_public_authors` (declared for the type checker
    # only: no value, so no field).
    shown_author: str | None
    has_voted: bool
    is_own: bool

    class Meta:
        verbose_name = _("leadership question")
        ordering = ["-vote_count", "-created_at"]
        permissions = [
            ("answer_question", "Can answer and close leadership questions"),
            ("reveal_anonymous_author", "Can see who asked an anonymous question"),
            # Comments live in core.conversations; the editors' right to moderate those of
            # news and leadership updates stays a news permission.
            ("moderate_engagement", "Can hide and restore comments"),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class QuestionVote(models.Model):
    """One upvote by one employee; taking it back deletes the row."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question vote")
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="news_question_vote_once")
        ]

    def __str__(self) -> str:
        return f"vote on question {self.question_id}"
