"""Ideas, votes, owner answers, comments and follows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    SELECTED = "selected", _("Selected")
    IMPLEMENTED = "implemented", _("Implemented")
    REJECTED = "rejected", _("Rejected")


# An idea the owner has decided on takes no more support (Decidim does the same): the answer
# is given, and a vote could no longer change it.
DECIDED_STATUSES = frozenset({Status.SELECTED, Status.IMPLEMENTED, Status.REJECTED})


class IdeaTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "ideas.Idea", on_delete=models.CASCADE, related_name="tagged_items"
    )


class IdeaQuerySet(models.QuerySet["Idea"]):
    def visible(self) -> IdeaQuerySet:
        """Ideas anyone in the audience sees: not hidden by moderation, not merged away."""
        return self.filter(hidden_at__isnull=True, merged_into__isnull=True)


class Idea(models.Model):
    """An employee's proposal in a challenge. Submitted from the site, never from the admin."""

    challenge = models.ForeignKey(
        "ideas.ChallengePage",
        verbose_name=_("challenge"),
        on_delete=models.CASCADE,
        related_name="ideas",
    )
    # The events of its challenge that work on it (the former workshops' ideas).
    events = models.ManyToManyField(
        "agenda.Event",
        verbose_name=_("events"),
        blank=True,
        related_name="ideas",
        help_text=_("The events (workshops) of its challenge that work on it."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    # Accepted co-authors only: a person named by the author is invited first
    # (`CoAuthorInvitation`) and added here when they accept, so every reader of this field
    # (pages, API, leaderboards, exports, notices) only ever sees people who consented.
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-authors"),
        blank=True,
        related_name="co_authored_ideas",
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), help_text=_("Sanitised HTML."))
    tags = TaggableManager(verbose_name=_("tags"), through=IdeaTag, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_ideas",
    )
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = IdeaQuerySet.as_manager()

    # Set for a reader by `ideas.selectors.listing` (declared for the type checker only: no
    # value, so no field).
    tag_names: list[str]
    author_display: str
    voted: bool

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["challenge", "status"])]
        permissions = [("moderate_idea", "Can moderate ideas and comments")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:idea", args=[self.pk])

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED_STATUSES


class CoAuthorInvitation(models.Model):
    """Someone named as co-author of an idea, who says yes or no before being named."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="co_author_invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_author_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("co-author invitation")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="ideas_co_author_invited_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.idea_id} ({self.status})"


class VoteBudget(models.Model):
    """One row per voter and challenge, locked while a vote is cast or taken back.

    Holding this lock serialises one person's votes in one challenge, so the budget is
    checked and spent in the same transaction and can never be exceeded.
    """

    challenge = models.ForeignKey("ideas.ChallengePage", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="ideas_budget_unique")
        ]

    def __str__(self) -> str:
        return f"budget {self.user_id} @ {self.challenge_id}"


class Vote(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_votes"
    )
    challenge = models.ForeignKey(
        "ideas.ChallengePage", on_delete=models.CASCADE, related_name="votes"
    )
    created_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="ideas_one_vote_per_person")
        ]
        indexes = [
            models.Index(fields=["challenge", "user"]),
            # Participation figures (team dashboard, KPI snapshots) count the votes of a period.
            models.Index(fields=["created_at"], name="ideas_vote_cast_at"),
        ]

    def __str__(self) -> str:
        return f"vote {self.user_id} → {self.idea_id}"


class StatusChange(models.Model):
    """One step of an idea's answer history, with the owner's public message."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    message = models.TextField(_("message"), help_text=_("Sanitised HTML."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # "answer" for the answer an `idea` import line carries, so that a re-import updates it.
    import_ref = models.CharField(max_length=20, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("status change")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "import_ref"],
                condition=~Q(import_ref=""),
                name="ideas_statuschange_unique_import_ref",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Follow(models.Model):
    """Someone who wants to hear about an idea or about a whole challenge."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_follows"
    )
    idea = models.ForeignKey(
        Idea, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    challenge = models.ForeignKey(
        "ideas.ChallengePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(idea__isnull=True) ^ Q(challenge__isnull=True),
                name="ideas_follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "idea"], condition=Q(idea__isnull=False), name="ideas_follow_idea"
            ),
            models.UniqueConstraint(
                fields=["user", "challenge"],
                condition=Q(challenge__isnull=False),
                name="ideas_follow_challenge",
            ),
        ]

    def __str__(self) -> str:
        return f"follow {self.user_id} → {self.idea_id or self.challenge_id}"
