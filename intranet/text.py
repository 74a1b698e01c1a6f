"""Limits and checks shared by every place where people write text: site forms, the API,
services and `import_content` apply the same ones, so that a text refused on one is refused
on all, with a message saying what to change.

Titles and names must not hold Unicode's invisible direction controls (embeddings, overrides,
isolates and the direction marks, U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C):
they are refused, not silently removed, because they make a title read in another order than
it is stored (a spoofed file name, two titles that look the same), and the writer should know
what changed. Long texts (comments, descriptions, bios) keep them: one line cannot reorder a
paragraph's neighbours there, and right-to-left writers may need the marks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 200
NAME_MAX_LENGTH = 150  # Django's first_name and last_name
COMMENT_MAX_LENGTH = 10_000
DESCRIPTION_MAX_LENGTH = 20_000
BIO_MAX_LENGTH = 5_000

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def first_bidi_control(value: str | None) -> str | None:
    """`U+202E` for the first direction control in `value`, or None."""
    match = _BIDI.search(value or "")
    return f"U+{ord(match.group()):04X}" if match else None


BIDI_MESSAGE = _(
    "Remove the invisible text direction character (%(code)s): it makes the text read in "
    "another order than it is written."
)


def reject_bidi_controls(value: str | None) -> None:
    """Validator for titles and names (form fields, models)."""
    code = first_bidi_control(value)
    if code:
        raise ValidationError(BIDI_MESSAGE, code="bidi_control", params={"code": code})


def too_long_message(length: int, limit: int) -> str:
    return _("This text is too long: %(length)s characters, %(limit)s at most.") % {
        "length": f"{length:,}".replace(",", "\u202f"),
        "limit": f"{limit:,}".replace(",", "\u202f"),
    }


def check_length(value: str | None, limit: int) -> None:
    """Raise a ValidationError with a clear message when `value` is over `limit` characters."""
    length = len(value or "")
    if length > limit:
        raise ValidationError(too_long_message(length, limit), code="max_length")


def max_length(limit: int) -> MaxLengthValidator:
    """A model or form validator with the same message as `check_length`."""
    return MaxLengthValidator(
        limit,
        message=_("This text is too long: %(show_value)s characters, %(limit_value)s at most."),
    )


def check_title(value: str | None, limit: int = TITLE_MAX_LENGTH) -> None:
    """A title or a name: no direction control, at most `limit` characters."""
    reject_bidi_controls(value)
    check_length(value, limit)


if TYPE_CHECKING:
    from wagtail.models import Page as _PageBase  # what the mixin goes with, for `super()`
else:
    _PageBase = object


class CheckedTitleMixin(_PageBase):
    """For page models: the admin (whose form runs the model's `clean`) refuses a title,
    SEO title or menu title holding a direction control, with the error on that field."""

    def clean(self) -> None:
        super().clean()
        errors = {}
        for field in ("title", "seo_title"):
            try:
                reject_bidi_controls(getattr(self, field, ""))
            except ValidationError as error:
                errors[field] = error.messages
        if errors:
            raise ValidationError(errors)
