from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.languages import (
    CONTENT_LANGUAGES,
    TranslatedContentMixin,
    pick_per_translation,
    reader_language,
)
from core.text import CheckedTitleMixin
from ideas.selectors import open_challenges_for
from intranet.feed import home_for


def _page_number(request) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


class HomePage(CheckedTitleMixin, Page):
    """The root of the intranet; shows the signed-in employee's feed."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"], verbose_name=_("intro"))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = home_for(request.user, number=_page_number(request))
        context["home"] = home
        context["news_feed"] = home.news_feed
        context["feed"] = home.feed
        if home.feed.number == 1:
            context["challenges"] = open_challenges_for(request.user)
            # A translated page is listed once, in the reader's language where it exists.
            context["information_pages"] = pick_per_translation(
                self.get_children().live().public().specific(), reader_language()
            )
        return context


class StandardPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "intranet.StandardPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


# An information page is due for review this long after it was first published.
REVIEW_AFTER = timedelta(days=365)


def first_review_date(published: date) -> date:
    """When a page published on `published` is first due for review (a year later)."""
    return published + REVIEW_AFTER


class StandardPage(TranslatedContentMixin, CheckedTitleMixin, Page):
    """A general information page: a policy, a guide, a how-to.

    Each has a content owner (who answers for it: its creator unless an editor names someone
    else) and a review date (a year after it was first published unless set): once the date
    has passed the page is stale, its readers are told it may be out of date, search ranks it
    below fresh pages, and its owner is reminded once (intranet/reviews.py).
    """

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=StandardPageTag, blank=True, verbose_name=_("tags"))
    language = models.CharField(
        _("language"), max_length=2, choices=CONTENT_LANGUAGES, default="fr"
    )

    content_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("content owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Who answers for this page and is reminded to review it. Default: its creator."
        ),
    )
    review_date = models.DateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_(
            "When this page should be checked again. Default: a year after it is published."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("content_owner"), FieldPanel("review_date")])],
            heading=_("Ownership and review"),
        ),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("tags"), FieldPanel("language")]
    parent_page_types = ["intranet.HomePage", "intranet.StandardPage"]

    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("language"),
    ]

    class Meta:
        verbose_name = _("standard page")

    def save(self, *args, **kwargs):
        """The owner defaults to the creator, the review date to a year after first publication."""
        if self.content_owner_id is None and self.owner_id is not None:
            self.content_owner_id = self.owner_id
        if self.review_date is None and self.first_published_at is not None:
            self.review_date = first_review_date(timezone.localdate(self.first_published_at))
        return super().save(*args, **kwargs)

    def is_stale(self, today: date | None = None) -> bool:
        """Whether its review date has passed (the page may be out of date)."""
        if self.review_date is None:
            return False
        return self.review_date < (today or timezone.localdate())
