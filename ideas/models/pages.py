"""The ideas hub and its challenges: Wagtail pages edited by challenge owners.

Who may open a challenge (its audience) and what the pages show beyond their fields are
registered by `IdeasConfig.ready()` from `ideas.views.pages` (see `core.page_context`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.models import CoverImageMixin, cover_panel
from core.page_context import RegisteredContextMixin
from core.text import CheckedTitleMixin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    SUBMISSION = "submission", _("Submission")
    VOTING = "voting", _("Voting")
    REVIEW = "review", _("Review")
    CLOSED = "closed", _("Closed")


class IdeasHubPage(RegisteredContextMixin, CheckedTitleMixin, Page):
    """The single page that lists the challenges an employee may take part in."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"], verbose_name=_("intro"))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["intranet.HomePage"]
    subpage_types = ["ideas.ChallengePage"]
    max_count = 1

    class Meta:
        verbose_name = _("ideas hub")


class ChallengePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "ideas.ChallengePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ChallengePage(RegisteredContextMixin, CheckedTitleMixin, CoverImageMixin, Page):
    """A co-creation campaign: employees of its audience submit ideas, vote, get answers.

    Phases follow the dates: submission from `opens_at`; voting from `voting_opens_at`
    (empty: votes are open during submission); review from `review_opens_at` (empty: voting
    runs until `closes_at`); closed from `closes_at`.
    """

    # `Page.owner` is Wagtail's (who created the page); this is who runs the challenge.
    challenge_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("challenge owner"),
        on_delete=models.PROTECT,
        related_name="owned_challenges",
    )
    description = RichTextField(
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"], verbose_name=_("description")
    )
    audience = ParentalManyToManyField(
        "people.Team",
        blank=True,
        related_name="challenges",
        verbose_name=_("audience"),
        help_text=_("Teams (and their sub-teams) who see this challenge; empty means everyone."),
    )
    tags = ClusterTaggableManager(through=ChallengePageTag, blank=True, verbose_name=_("tags"))
    # Its events (agenda.Event.host: the co-creation workshops); deleted with the challenge.
    events = GenericRelation(
        "agenda.Event", content_type_field="host_type", object_id_field="host_id"
    )
    opens_at = models.DateTimeField(_("submission opens at"))
    voting_opens_at = models.DateTimeField(
        _("voting opens at"),
        null=True,
        blank=True,
        help_text=_("Ends the submission phase. Empty: votes open together with submission."),
    )
    review_opens_at = models.DateTimeField(
        _("review starts at"),
        null=True,
        blank=True,
        help_text=_("Ends voting. Empty: voting lasts until the challenge closes."),
    )
    closes_at = models.DateTimeField(_("closes at"))
    votes_per_person = models.PositiveIntegerField(
        _("votes per person"),
        null=True,
        blank=True,
        help_text=_("How many ideas each person may support; empty means unlimited."),
    )
    votes_can_be_withdrawn = models.BooleanField(_("votes can be taken back"), default=True)
    allow_anonymous_ideas = models.BooleanField(_("ideas may be anonymous"), default=False)
    reports_to_hide = models.PositiveSmallIntegerField(
        _("reports before hiding"),
        default=3,
        help_text=_("An idea or comment is hidden automatically after this many reports."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("challenge_owner"),
        FieldPanel("description"),
        cover_panel(),
        FieldPanel("audience"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("opens_at"),
                FieldPanel("voting_opens_at"),
                FieldPanel("review_opens_at"),
                FieldPanel("closes_at"),
            ],
            heading=_("Phases"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("votes_per_person"),
                FieldPanel("votes_can_be_withdrawn"),
                FieldPanel("allow_anonymous_ideas"),
                FieldPanel("reports_to_hide"),
            ],
            heading=_("Rules"),
        ),
    ]
    parent_page_types = ["ideas.IdeasHubPage"]
    subpage_types: list[str] = []
    search_fields = Page.search_fields + [index.SearchField("description")]

    @classmethod
    def get_indexed_objects(cls):
        """Kept out of Wagtail's own page index: a search over all pages knows nothing of
        audiences and would show a challenge's title to people outside it. The unified
        search finds challenges through `ideas.search`, whose documents carry the audience.
        """
        return cls.objects.none()

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def clean(self) -> None:
        super().clean()
        chain = [
            self.opens_at,
            self.voting_opens_at,
            self.review_opens_at,
            self.closes_at,
        ]
        dates = [value for value in chain if value is not None]
        if any(later <= earlier for earlier, later in zip(dates, dates[1:], strict=False)):
            raise ValidationError(
                _("The phase dates must follow each other: opens, voting, review, closes.")
            )

    # --- Phases --------------------------------------------------------------------------
    def _submission_ends(self) -> datetime:
        return self.voting_opens_at or self.review_opens_at or self.closes_at

    def _voting_ends(self) -> datetime:
        return self.review_opens_at or self.closes_at

    def accepts_ideas(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self._submission_ends()

    def accepts_votes(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return (self.voting_opens_at or self.opens_at) <= now < self._voting_ends()

    def phase(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if now >= self.closes_at:
            return Phase.CLOSED
        if now < self.opens_at:
            return Phase.UPCOMING
        if self.accepts_ideas(now):
            return Phase.SUBMISSION
        if self.accepts_votes(now):
            return Phase.VOTING
        return Phase.REVIEW

    @property
    def current_phase_label(self) -> StrOrPromise:
        return Phase(self.phase()).label

    @property
    def is_open(self) -> bool:
        return self.phase() in (Phase.SUBMISSION, Phase.VOTING)
