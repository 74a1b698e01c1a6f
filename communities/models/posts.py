"""Posts and questions in a community, and the history of their edits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase


class PostKind(models.TextChoices):
    POST = "post", _("Post")
    QUESTION = "question", _("Question")


class PostTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "communities.Post", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PostQuerySet(models.QuerySet["Post"]):
    def published(self) -> PostQuerySet:
        """Posts readers see: their time has come (scheduled ones wait) and not hidden."""
        return self.filter(publish_at__lte=timezone.now(), hidden_at__isnull=True)


class Post(models.Model):
    """An employee's post or question. Comments, reactions and reports on it are a
    conversation (core.conversations); a question's accepted answer is one of its comments."""

    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="posts",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="community_posts",
    )
    kind = models.CharField(_("type"), max_length=10, choices=PostKind.choices, default="post")
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("body"), help_text=_("Sanitised HTML."))
    tags = TaggableManager(through=PostTag, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # A post is shown from publish_at on: now for most, later for a scheduled one.
    publish_at = models.DateTimeField(_("published at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("last edited at"), null=True, blank=True)
    # Moved by every comment, so that a feed can order by what is alive.
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    pinned_at = models.DateTimeField(_("pinned at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    accepted_answer = models.ForeignKey(
        "conversations.Comment",
        verbose_name=_("accepted answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    # Reports on the post itself (core.conversations hides it at the threshold).
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    # When `post_published` was sent: at once, or by the scheduler once publish_at came;
    # never twice (communities/announcements.py).
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["community", "-publish_at"]),
            models.Index(fields=["author", "-publish_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_answer__isnull=True) | Q(kind="question"),
                name="community_only_questions_have_answers",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.body[:60]

    def get_absolute_url(self) -> str:
        return reverse("communities:post", args=[self.community.slug, self.pk])


class PostRevision(models.Model):
    """What a post said before an edit (its title and body then), newest last."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["edited_at", "pk"]

    def __str__(self) -> str:
        return f"revision of {self.post_id} at {self.edited_at:%Y-%m-%d %H:%M}"


class PostAttachment(models.Model):
    """A file or an image attached to a post: a Wagtail document, downloadable only by those
    who may read the post (communities/wagtail_hooks.py turns everyone else away)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="community_attachment"
    )
    is_image = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"attachment {self.document_id} of {self.post_id}"
