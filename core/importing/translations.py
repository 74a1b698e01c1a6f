"""The optional `translation_of` field of the translatable kinds (page, news, leadership_update).

`translation_of` names the key of another item of the same kind: the imported item becomes its
translation (the same Wagtail `translation_key`), in the locale of its own `language`.
"""

from __future__ import annotations

from typing import Any

from .registry import ImportRowError

TRANSLATABLE_KINDS = ("page", "news", "leadership_update")


def translation_original(kind: str, row: dict[str, Any], ctx: Any, language: str) -> Any | None:
    """The item `row` translates (None without `translation_of`), checked: of the same kind,
    not the row itself, in the other language."""
    key = row.get("translation_of")
    if key in (None, ""):
        return None
    if not isinstance(key, str):
        raise ImportRowError("field 'translation_of' must be the key of an item of the same kind")
    if key == row.get("key"):
        raise ImportRowError("field 'translation_of' names the line itself")
    original = ctx.find(kind, key)
    if original is None:
        for other in TRANSLATABLE_KINDS:
            if other != kind and ctx.find(other, key) is not None:
                raise ImportRowError(
                    f"'translation_of' names {other} '{key}': a {kind} translates a {kind}"
                )
        ctx.resolve(kind, key)  # raises: unknown key
    if original.language == language:
        raise ImportRowError(
            f"'translation_of' names {kind} '{key}', which is in '{language}' too: "
            "a translation is in the other language"
        )
    return original


def make_translation(page: Any, original: Any | None, language: str) -> None:
    """Join `page` to the translated set of `original` (in `language`), refusing a set that
    already holds another version in that language."""
    page.language = language
    if original is None:
        return
    taken = (
        type(page)
        .objects.filter(translation_key=original.translation_key, language=language)
        .exclude(pk=page.pk)
        .first()
    )
    if taken is not None:
        raise ImportRowError(
            f"the item 'translation_of' names already has a '{language}' version: '{taken.title}'"
        )
    page.translation_key = original.translation_key
