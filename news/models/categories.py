"""The managed list of news categories: a snippet editors maintain in the admin.

A category has a French name (the default language) and, optionally, an English one; readers
see the name of their language. Names are unique whatever their case and spacing, so that
"Vie interne" and " vie  INTERNE" are one category (the import and the data migration that
turned the old free-text categories into rows rely on it).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

CATEGORY_NAME_MAX_LENGTH = 100


def normalised_name(name: str) -> str:
    """A name with its spaces collapsed: how the list stores it."""
    return " ".join((name or "").split())


def category_key(name: str) -> str:
    """What two names share when they are one category (case and spacing ignored)."""
    return normalised_name(name).casefold()


class NewsCategoryQuerySet(models.QuerySet["NewsCategory"]):
    def named(self, name: str) -> NewsCategory | None:
        """The category called `name` in French or in English, case and spacing ignored."""
        key = category_key(name)
        if not key:
            return None
        for category in self.all():
            if key in (category_key(category.name), category_key(category.name_en)):
                return category
        return None


class NewsCategory(models.Model):  # type: ignore[django-manager-missing]
    name = models.CharField(_("name"), max_length=CATEGORY_NAME_MAX_LENGTH)
    name_en = models.CharField(
        _("name in English"),
        max_length=CATEGORY_NAME_MAX_LENGTH,
        blank=True,
        help_text=_("Shown to those who read in English; the French name when empty."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)

    objects = NewsCategoryQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="news_category_unique_name"),
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs) -> None:
        self.name, self.name_en = normalised_name(self.name), normalised_name(self.name_en)
        if not self.slug:
            self.slug = unique_category_slug(self.name, self.pk)
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """The name in the reader's language."""
        language = (get_language() or "fr")[:2]
        return self.name_en if language == "en" and self.name_en else self.name

    def clean(self) -> None:
        self.name, self.name_en = normalised_name(self.name), normalised_name(self.name_en)
        if not self.name:
            raise ValidationError({"name": _("A category needs a name.")})
        same = NewsCategory.objects.exclude(pk=self.pk).named(self.name)
        if same is not None:
            raise ValidationError({"name": _("This category already exists.")})


def unique_category_slug(name: str, pk: int | None = None) -> str:
    base = slugify(name)[:100] or "categorie"
    slug, number = base, 1
    others = NewsCategory.objects.exclude(pk=pk) if pk is not None else NewsCategory.objects
    while others.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
