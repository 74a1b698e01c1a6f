"""A conversation under any registered target: comments with one level of replies, their
edit history, reactions on the target, and reports on a comment or on the target itself."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    """One row per target (a news page, a leadership update, an idea…) that has comments,
    reactions or reports; created on the first of them."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="conversation_one_per_target"
            )
        ]

    def __str__(self) -> str:
        return f"conversation on {self.content_type_id}:{self.object_id}"


class ReactionKind(models.TextChoices):
    LIKE = "like", _("Like")
    CELEBRATE = "celebrate", _("Celebrate")
    INSIGHTFUL = "insightful", _("Insightful")
    SUPPORT = "support", _("Support")


REACTION_EMOJI = {
    ReactionKind.LIKE: "👍",
    ReactionKind.CELEBRATE: "🎉",
    ReactionKind.INSIGHTFUL: "💡",
    ReactionKind.SUPPORT: "🤝",
}


class Reaction(models.Model):
    """One reaction of one kind by one user on a target (a user may give each kind once)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="reactions"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("reaction"), max_length=20, choices=ReactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reaction")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user", "kind"], name="conversation_reaction_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.conversation_id}"


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible(self) -> CommentQuerySet:
        return self.filter(hidden_at__isnull=True)

    def on(self, target: models.Model) -> CommentQuerySet:
        """The comments of this target (a join, no query for the conversation row)."""
        return self.filter(
            conversation__content_type=ContentType.objects.get_for_model(target),
            conversation__object_id=target.pk,
        )


class Comment(models.Model):
    """A comment, or a reply to a top-level comment (one level of replies).

    `body` is plain text or sanitised HTML, as the target's kind says (registry.py).
    """

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conversation_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(_("comment"))
    import_ref = models.CharField(max_length=255, blank=True, default="")
    report_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "import_ref"],
                condition=~Q(import_ref=""),
                name="conversation_comment_unique_import_ref",
            )
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class CommentRevision(models.Model):
    """The body a comment had before one edit: who changed it and when."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    previous_body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["edited_at", "pk"]

    def __str__(self) -> str:
        return f"revision of comment {self.comment_id}"


class Report(models.Model):
    """An employee flags a comment, or the target itself (an idea), for the moderators;
    once per person and thing reported."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Hidden")
        RESTORED = "restored", _("Restored")
        DISMISSED = "dismissed", _("Dismissed")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(comment__isnull=False),
                name="conversation_report_comment_once",
            ),
            models.UniqueConstraint(
                fields=["reporter", "conversation"],
                condition=Q(comment__isnull=True),
                name="conversation_report_target_once",
            ),
        ]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.outcome})"
