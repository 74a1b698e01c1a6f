from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
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


class StandardPage(TranslatedContentMixin, CheckedTitleMixin, Page):
    """A general information page: a policy, a guide, a how-to."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=StandardPageTag, blank=True, verbose_name=_("tags"))
    language = models.CharField(
        _("language"), max_length=2, choices=CONTENT_LANGUAGES, default="fr"
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    promote_panels = Page.promote_panels + [FieldPanel("tags"), FieldPanel("language")]
    parent_page_types = ["intranet.HomePage", "intranet.StandardPage"]

    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("language"),
    ]

    class Meta:
        verbose_name = _("standard page")
