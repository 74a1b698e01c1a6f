"""The cover image a page or an object may carry (news, updates, challenges)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class CoverImageMixin(models.Model):
    """An optional cover image, with its alternative text or a decorative flag.

    The alternative text is the image's own (its description in the image library, else its
    title); an image that adds nothing the title does not say is marked decorative and gets an
    empty alt. Without an image, pages show their kind's default illustration.
    """

    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its description in the image library is read aloud as alternative text."),
    )
    cover_decorative = models.BooleanField(
        _("decorative image"),
        default=False,
        help_text=_("Tick if the image adds nothing to the title: screen readers skip it."),
    )

    class Meta:
        abstract = True


def cover_panel() -> MultiFieldPanel:
    """The editor's panel for `CoverImageMixin`'s fields."""
    return MultiFieldPanel(
        [FieldPanel("cover_image"), FieldPanel("cover_decorative")], heading=_("Cover image")
    )
