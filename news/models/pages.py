"""News and leadership pages: Wagtail pages with a StreamField body and an audience.

What they show beyond their fields (the filtered list, reactions and comments, questions) is
registered by `NewsConfig.ready()` from `news.views` (see `core.page_context`).
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.languages import CONTENT_LANGUAGES, TranslatedContentMixin
from core.models import CoverImageMixin, cover_panel
from core.page_context import RegisteredContextMixin
from core.text import CheckedTitleMixin
from news.audience import (
    AudienceReachPanel,
    AudienceTreeWidget,
    audience_preview,
    team_preview_modes,
)

NEWS_INDEX_SLUG = "actualites"
TEASER_MAX_LENGTH = 240


def teaser_field() -> models.CharField:
    """A sentence or two shown on cards, feeds and search results instead of the intro."""
    return models.CharField(
        _("teaser"),
        max_length=TEASER_MAX_LENGTH,
        blank=True,
        help_text=_("Shown on cards, feeds and search results. At most 240 characters."),
    )


LEADERSHIP_INDEX_SLUG = "direction"


class NewsIndexPage(RegisteredContextMixin, CheckedTitleMixin, Page):
    """The list of news: filters by category, tag, team and date; paginated; an Atom feed."""

    intro = models.TextField(_("intro"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["intranet.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(
    TranslatedContentMixin, RegisteredContextMixin, CheckedTitleMixin, CoverImageMixin, Page
):
    """One news item, possibly addressed to teams and possibly a must-read."""

    intro = models.TextField(_("intro"), blank=True)
    teaser = teaser_field()
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    category = models.ForeignKey(
        "news.NewsCategory",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
        help_text=_("From the list editors maintain under Snippets › News categories."),
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    author = models.ForeignKey(
        "people.Profile",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience_teams = ParentalManyToManyField(
        "people.Team",
        verbose_name=_("audience teams"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to address everyone. Sub-teams are included."),
    )
    featured = models.BooleanField(_("featured"), default=False)
    language = models.CharField(
        _("language"), max_length=2, choices=CONTENT_LANGUAGES, default="fr"
    )
    must_read = models.BooleanField(_("must-read"), default=False)
    must_read_due = models.DateField(_("acknowledge by"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("teaser"),
        cover_panel(),
        FieldPanel("body"),
        FieldPanel("author"),
        FieldPanel("category", widget=forms.Select),  # a short list: no chooser modal
        FieldPanel("audience_teams", widget=AudienceTreeWidget),
        AudienceReachPanel(),
        MultiFieldPanel(
            [FieldPanel("featured"), FieldPanel("must_read"), FieldPanel("must_read_due")],
            heading=_("Highlighting"),
        ),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("tags"), FieldPanel("language")]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("language"),
    ]

    class Meta:
        verbose_name = _("news page")
        indexes = [
            # Must-reads are a handful among thousands of news: the home page, the digest
            # and the team dashboards find them in this small partial index instead of
            # reading every news row (bench/scale.py --explain).
            models.Index(
                fields=["page_ptr"], condition=models.Q(must_read=True), name="news_must_read"
            ),
        ]

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        """The page as it is, then as an employee of each team sees it (its audience)."""
        return [("", str(_("Default"))), *team_preview_modes()]

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["audience_preview"] = audience_preview(self, mode_name)
        return context


class LeadershipIndexPage(RegisteredContextMixin, CheckedTitleMixin, Page):
    """Leadership updates, with the "Ask leadership" form and answered questions."""

    intro = models.TextField(_("intro"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["intranet.HomePage"]
    subpage_types = ["news.LeadershipUpdatePage"]
    max_count = 1

    class Meta:
        verbose_name = _("leadership index")


class LeadershipUpdatePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.LeadershipUpdatePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class LeadershipUpdatePage(
    TranslatedContentMixin, RegisteredContextMixin, CheckedTitleMixin, CoverImageMixin, Page
):
    """An update written by a leader; employees react, comment and ask questions on it."""

    intro = models.TextField(_("intro"), blank=True)
    teaser = teaser_field()
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(
        through=LeadershipUpdatePageTag, blank=True, verbose_name=_("tags")
    )
    author = models.ForeignKey(
        "people.Profile",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(
        _("language"), max_length=2, choices=CONTENT_LANGUAGES, default="fr"
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("teaser"),
        cover_panel(),
        FieldPanel("body"),
        FieldPanel("author"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("tags"), FieldPanel("language")]
    parent_page_types = ["news.LeadershipIndexPage"]
    subpage_types: list[str] = []

    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("language"),
    ]

    class Meta:
        verbose_name = _("leadership update")
