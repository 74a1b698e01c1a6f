"""The languages content is written in, and content that exists in both (translations).

A page, news item or leadership update may have a translation: another page of the same type
sharing its `translation_key` (Wagtail's internationalisation), in the other `locale`. Both
stand side by side in the one page tree, under the same parent unless the parent has a
translation of its own, so that every URL keeps working with no /fr/ or /en/ prefix.

A page's `language` field and its Wagtail `locale` always agree (`TranslatedContentMixin`):
the field is what editors, the import and the templates know; the locale is what Wagtail
and wagtail-localize's translation workflow know.

Readers get one item per translated set, in their language where it exists
(`one_per_translation` on a queryset, `pick_per_translation` on a list), the other one
otherwise; a page links to its other version (`other_versions`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django import forms
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page

CONTENT_LANGUAGES = [("fr", _("French")), ("en", _("English"))]
CODES = [code for code, _name in CONTENT_LANGUAGES]
DEFAULT_LANGUAGE = "fr"

# The switch to the other version, written in that version's language (it speaks to those
# who read it), whatever the interface language.
ALSO_IN = {"fr": "Aussi en français", "en": "Also in English"}

T = TypeVar("T")


def reader_language() -> str:
    """The language of the one reading: the interface's (their choice, else their browser's)."""
    language = (translation.get_language() or DEFAULT_LANGUAGE).split("-")[0].lower()
    return language if language in CODES else DEFAULT_LANGUAGE


def locale_for(language: str) -> Locale:
    """The Wagtail locale of a content language, created on first use."""
    locale, _created = Locale.objects.get_or_create(language_code=language)
    return locale


def one_per_translation(queryset: models.QuerySet[Any], language: str) -> models.QuerySet[Any]:
    """`queryset` keeping one member of each translated set: the one in `language` when the
    queryset holds it, else the other. The queryset's models have a `language` field."""
    # A correlated NOT EXISTS, looked up by translation key for each candidate row: an
    # `IN (every key in the language)` subquery made PostgreSQL read and compare every news
    # row for each page of the date index it walked, 0.5 s per digest and feed at 20,000
    # news (bench/scale.py --explain); this reads the first page of a list in about 1 ms.
    preferred = queryset.filter(language=language, translation_key=OuterRef("translation_key"))
    return queryset.filter(Q(language=language) | ~Exists(preferred))


def pick_per_translation(items: Iterable[T], language: str) -> list[T]:
    """`items` (in their order) keeping one per translated set, in `language` where the set
    has it there; items without a `translation_key` and `language` are all kept."""
    items = list(items)
    preferred = {
        getattr(item, "translation_key", None)
        for item in items
        if getattr(item, "language", None) == language
    }
    kept: list[T] = []
    seen: set[Any] = set()
    for item in items:
        key = getattr(item, "translation_key", None)
        if key is None:
            kept.append(item)
            continue
        if key in preferred and getattr(item, "language", None) != language:
            continue
        if key in seen:
            continue
        seen.add(key)
        kept.append(item)
    return kept


def versions_of(page: Any) -> models.QuerySet[Any]:
    """The other versions of `page` (its translations), live or not, of its own type."""
    versions: models.QuerySet[Any] = (
        type(page).objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    )
    return versions


def live_translation_languages(page: Page) -> list[str]:
    """The languages of the other live versions of `page` (none when it is not translated)."""
    return sorted(
        set(
            type(page)
            .objects.filter(translation_key=page.translation_key, live=True)
            .exclude(pk=page.pk)
            .values_list("language", flat=True)
        )
    )


def sync_language_and_locale(page: Any) -> None:
    """Make `page.language` and `page.locale` agree before saving.

    The language an editor or the import chose wins, unless the set already holds a version
    in that language: then the page is a copy made for translation into its locale
    (Wagtail copies the source's fields, its language included) and the locale wins.
    """
    if page.locale_id is None:
        page.locale = locale_for(page.language or DEFAULT_LANGUAGE)
        return
    locale_language = Locale.objects.filter(pk=page.locale_id).values_list(
        "language_code", flat=True
    )[0]
    if locale_language == page.language:
        return
    taken = (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=page.language
        )
        .exclude(pk=page.pk)
        .exists()
    )
    if taken or page.language not in CODES:
        page.language = locale_language
    else:
        page.locale = locale_for(page.language)


class _CopyBesideOriginal(CopyPageForTranslationAction):
    """Wagtail's copy for translation, placing the copy under the parent's translation when
    there is one, else beside the original: containers (the home page, the news index) are
    shared by both languages rather than duplicated into a second tree."""

    @transaction.atomic
    def _copy_for_translation(
        self,
        page: Page,
        locale: Locale,
        copy_parents: bool,
        alias: bool,
        exclude_fields: Sequence[str] | None,
    ) -> Page:
        parent = page.get_parent().specific
        translated_parent = parent.get_translation_or_none(locale) or parent
        slug = page.slug
        if translated_parent.pk == parent.pk:
            slug = f"{slug}-{locale.language_code}"
        slug = find_available_slug(translated_parent, slug)
        if alias:
            return page.create_alias(
                parent=translated_parent,
                update_slug=slug,
                update_locale=locale,
                reset_translation_key=False,
            )
        return page.copy(
            to=translated_parent,
            update_attrs={"locale": locale, "slug": slug, "language": locale.language_code},
            copy_revisions=False,
            keep_live=False,
            reset_translation_key=False,
            exclude_fields=exclude_fields,
            log_action="wagtail.copy_for_translation",
        )


class TranslatedPageForm(WagtailAdminPageForm):
    """The admin form of a translatable page: its language may not be that of another version."""

    def clean_language(self) -> str:
        language: str = self.cleaned_data["language"]
        page = self.instance
        if page.pk and page.translation_key:
            taken = (
                Page.objects.filter(
                    translation_key=page.translation_key, locale__language_code=language
                )
                .exclude(pk=page.pk)
                .exists()
            )
            if taken:
                raise forms.ValidationError(_("This page already has a version in that language."))
        return language


class TranslatedContentMixin:
    """For page models with a `language` field whose versions may translate one another."""

    base_form_class = TranslatedPageForm

    def full_clean(self, *args: Any, **kwargs: Any) -> Any:
        # Before the check that no two versions share a locale.
        sync_language_and_locale(self)
        return super().full_clean(*args, **kwargs)  # type: ignore[misc]

    def save(self, *args: Any, **kwargs: Any) -> Any:
        sync_language_and_locale(self)
        return super().save(*args, **kwargs)  # type: ignore[misc]

    def copy_for_translation(
        self,
        locale: Locale,
        copy_parents: bool = False,
        alias: bool = False,
        exclude_fields: Sequence[str] | None = None,
    ) -> Any:
        return _CopyBesideOriginal(
            self, locale, copy_parents=copy_parents, alias=alias, exclude_fields=exclude_fields
        ).execute()

    copy_for_translation.alters_data = True  # type: ignore[attr-defined]

    def other_versions(self) -> list[dict[str, Any]]:
        """The live versions of this page in the other languages, each with its switch label."""
        pages = (
            type(self)
            .objects.filter(translation_key=self.translation_key, live=True)  # type: ignore[attr-defined]
            .exclude(pk=self.pk)  # type: ignore[attr-defined]
            .order_by("language")
        )
        return [
            {"page": page, "language": page.language, "label": ALSO_IN.get(page.language, "")}
            for page in pages
        ]
